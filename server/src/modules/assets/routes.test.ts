import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../../lib/clock.js';
import { ALGORITHMIC_MEDIA, readProvenance } from '../../media/index.js';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { blobKeys } from './service.js';
import { bombPng, image, multipart, orientedJpegWithGps, sha256, type Format } from './test-fixtures.js';

const MAX_UPLOAD = 256 * 1024;
const clock = new ManualClock(Date.now());

let t: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { maxUploadBytes: MAX_UPLOAD, maxInputPixels: 4_000_000 } });
  alice = await signUp(t.app);
  bob = await signUp(t.app);
});

afterAll(async () => {
  await t?.close();
});

interface AssetJson {
  id: string;
  kind: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  favorite: boolean;
  tags: string[];
  parentId: string | null;
  generationId: string | null;
  outputIndex: number | null;
  prompt: string | null;
  fileName?: string;
  digitalSourceType?: string;
  createdAt: string;
  deletedAt: string | null;
  urls: { content: string; thumbnail: string };
}

function post(user: TestUser, data: Buffer, filename: string, contentType?: string, field?: string) {
  const body = multipart({ data, filename, contentType, field });
  return t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
}

async function uploaded(user = alice, format: Format = 'png', filename = `p.${format}`, size: [number, number] = [24, 16]): Promise<AssetJson> {
  const res = await post(user, await image(format, size[0], size[1]), filename);
  expect(res.statusCode).toBe(201);
  clock.advance(1000);
  return res.json() as AssetJson;
}

const get = (user: TestUser | null, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(user ? { cookie: user.cookie } : {}), ...headers } });

const send = (user: TestUser, method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function listIds(user: TestUser, query: string): Promise<string[]> {
  const res = await get(user, `/api/v1/assets?${query}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: AssetJson[] }).items.map((i) => i.id);
}

describe('POST /assets', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
  ] as const)('accepts a %s and answers 201 with the asset', async (format, mime) => {
    const res = await post(alice, await image(format, 30, 20), `shot.${format}`, mime);
    expect(res.statusCode).toBe(201);
    const a = res.json() as AssetJson;
    expect(a).toMatchObject({
      kind: 'upload', mime, width: 30, height: 20, favorite: false, tags: [], parentId: null, generationId: null,
      outputIndex: null, prompt: null, fileName: `shot.${format}`, deletedAt: null,
      urls: { content: `/api/v1/assets/${a.id}/content`, thumbnail: `/api/v1/assets/${a.id}/thumbnail` },
    });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(a.createdAt).toISOString()).toBe(a.createdAt);
    const again = await get(alice, `/api/v1/assets/${a.id}`);
    expect(again.json()).toEqual(a);
  });

  it('trusts the bytes, not the name or declared type: a PNG called .jpg is a PNG', async () => {
    const res = await post(alice, await image('png'), 'fake.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'image/png', fileName: 'fake.jpg' });
  });

  it('answers 415 for a text file named .png', async () => {
    const res = await post(alice, Buffer.from('just some text, honestly'), 'notes.png', 'image/png');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 IMAGE_TOO_LARGE for a decompression bomb', async () => {
    const res = await post(alice, bombPng(), 'bomb.png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('IMAGE_TOO_LARGE');
  });

  it('answers 413 PAYLOAD_TOO_LARGE, naming the limit, for a file over the upload limit', async () => {
    const big = Buffer.concat([await image('png'), Buffer.alloc(MAX_UPLOAD + 10, 1)]);
    const res = await post(alice, big, 'huge.png');
    expect(res.statusCode).toBe(413);
    const { error } = res.json();
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('256 KB');
  });

  it('answers 400 INVALID_IMAGE for a corrupt image', async () => {
    const png = await image('png', 300, 300);
    const res = await post(alice, png.subarray(0, 80), 'broken.png');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_IMAGE');
  });

  it('needs multipart with a "file" field, a session and the CSRF header', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: alice.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const wrongField = await post(alice, await image('png'), 'a.png', 'image/png', 'image');
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.details).toEqual({ field: 'file' });

    const body = multipart({ data: await image('png'), filename: 'a.png' });
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: body.headers, payload: body.payload });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { cookie: alice.cookie, ...body.headers }, payload: body.payload });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('normalises orientation and strips EXIF/GPS: the stored image has neither', async () => {
    const res = await post(alice, await orientedJpegWithGps(), 'phone.jpg');
    expect(res.statusCode).toBe(201);
    const a = res.json() as AssetJson;
    expect([a.width, a.height]).toEqual([20, 40]);
    const content = await get(alice, a.urls.content);
    const meta = await sharp(content.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect(content.rawPayload.includes(Buffer.from('PhoneCo'))).toBe(false);
  });
});

describe('GET /assets/:id/content', () => {
  let a: AssetJson;
  let whole: Buffer;

  beforeAll(async () => {
    a = await uploaded(alice, 'png', 'range.png', [50, 40]);
  });

  it('streams the original, byte-exact with its sha256, with caching headers', async () => {
    const res = await get(alice, a.urls.content);
    expect(res.statusCode).toBe(200);
    whole = res.rawPayload;
    expect(whole.length).toBe(a.bytes);
    expect(sha256(whole)).toBe(a.sha256);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(a.bytes));
    expect(res.headers['etag']).toBe(`"${a.sha256}"`);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toContain('range.png');

    const head = await t.app.inject({ method: 'HEAD', url: a.urls.content, headers: { cookie: alice.cookie } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(a.bytes));
    expect(head.rawPayload.length).toBe(0);

    const cached = await get(alice, a.urls.content, { 'if-none-match': `"${a.sha256}"` });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload.length).toBe(0);
  });

  it('serves the first 10 bytes', async () => {
    const res = await get(alice, a.urls.content, { range: 'bytes=0-9' });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-9/${a.bytes}`);
    expect(res.headers['content-length']).toBe('10');
    expect(res.rawPayload.equals(whole.subarray(0, 10))).toBe(true);
  });

  it('serves a suffix range', async () => {
    const res = await get(alice, a.urls.content, { range: 'bytes=-5' });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${a.bytes - 5}-${a.bytes - 1}/${a.bytes}`);
    expect(res.rawPayload.equals(whole.subarray(a.bytes - 5))).toBe(true);
  });

  it('serves an open range, clamping an end past the last byte', async () => {
    const open = await get(alice, a.urls.content, { range: 'bytes=10-' });
    expect(open.statusCode).toBe(206);
    expect(open.headers['content-range']).toBe(`bytes 10-${a.bytes - 1}/${a.bytes}`);
    expect(open.rawPayload.equals(whole.subarray(10))).toBe(true);
    const clamped = await get(alice, a.urls.content, { range: `bytes=5-${a.bytes + 1000}` });
    expect(clamped.statusCode).toBe(206);
    expect(clamped.rawPayload.equals(whole.subarray(5))).toBe(true);
  });

  it('answers 416 with Content-Range for an unsatisfiable or malformed range', async () => {
    for (const range of [`bytes=${a.bytes}-`, 'bytes=20-10', 'bytes=abc', 'bytes=-0', 'bytes=-']) {
      const res = await get(alice, a.urls.content, { range });
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${a.bytes}`);
      expect(res.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
    }
  });

  it('ignores a range with a stale If-Range, and several ranges', async () => {
    const stale = await get(alice, a.urls.content, { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(a.bytes);
    const fresh = await get(alice, a.urls.content, { range: 'bytes=0-9', 'if-range': `"${a.sha256}"` });
    expect(fresh.statusCode).toBe(206);
    const multi = await get(alice, a.urls.content, { range: 'bytes=0-1,4-5' });
    expect(multi.statusCode).toBe(200);
  });
});

describe('GET /assets/:id/thumbnail', () => {
  it('answers a WebP of at most 512 px, made once and then served from the blob cache', async () => {
    const a = await uploaded(alice, 'jpeg', 'big.jpg', [900, 1200]);
    const first = await get(alice, a.urls.thumbnail);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('image/webp');
    const meta = await sharp(first.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect([meta.width, meta.height]).toEqual([384, 512]);

    const row = await t.services.db.selectFrom('assets').select('thumb_key').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.thumb_key).toBe(blobKeys.thumbnail(alice.id, a.id));
    expect(await t.services.blobs.exists(row.thumb_key!)).toBe(true);
    const stat = await t.services.blobs.stat(row.thumb_key!);
    expect(stat!.sha256).toBe(sha256(first.rawPayload));

    const second = await get(alice, a.urls.thumbnail);
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const etag = String(second.headers['etag']);
    expect(etag).toBe(`"${a.sha256}.thumb"`);
    for (const res of [first, second]) expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const revalidated = await get(alice, a.urls.thumbnail, { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers['etag']).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe('private, max-age=31536000, immutable');
  });
});

describe('GET /assets (gallery)', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp(t.app);
  });

  it('walks every asset exactly once across pages', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) {
      ids.add((await uploaded(user, 'png', `g${i}.png`, [4, 4])).id);
      if (i % 2) clock.advance(-1000); // pairs share a timestamp
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(user, `/api/v1/assets?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: AssetJson[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen)).toEqual(ids);
  });

  it('validates its query', async () => {
    expect((await get(user, '/api/v1/assets?limit=0')).statusCode).toBe(400);
    expect((await get(user, '/api/v1/assets?limit=201')).statusCode).toBe(400);
    expect((await get(user, '/api/v1/assets?kind=video')).statusCode).toBe(400);
    expect((await get(user, '/api/v1/assets?cursor=garbage')).statusCode).toBe(400);
    expect((await get(user, '/api/v1/assets?album=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get(null, '/api/v1/assets')).statusCode).toBe(401);
  });

  it('filters by kind, favorite, tag, album and text with literal % and _', async () => {
    const u = await signUp(t.app);
    const pct = await uploaded(u, 'png', '50% off.png');
    const fifty = await uploaded(u, 'png', '50 off.png');
    const under = await uploaded(u, 'png', 'a_b.png');
    const axb = await uploaded(u, 'png', 'aXb.png');

    expect(await listIds(u, `q=${encodeURIComponent('50%')}`)).toEqual([pct.id]);
    expect(await listIds(u, 'q=a_b')).toEqual([under.id]);
    expect((await listIds(u, 'q=AXB'))).toEqual([axb.id]);
    expect(await listIds(u, 'kind=generated')).toEqual([]);
    expect((await listIds(u, 'kind=upload')).length).toBe(4);

    expect((await send(u, 'PUT', `/api/v1/assets/${fifty.id}/favorite`)).json()).toMatchObject({ favorite: true });
    expect(await listIds(u, 'favorite=true')).toEqual([fifty.id]);

    const tagged = await send(u, 'PUT', `/api/v1/assets/${under.id}/tags`, { tags: ['  Cats ', 'cats', 'Night Sky'] });
    expect(tagged.statusCode).toBe(200);
    expect(tagged.json().tags).toEqual(['cats', 'night sky']);
    expect(await listIds(u, 'tag=cats')).toEqual([under.id]);
    expect((await get(u, '/api/v1/tags')).json()).toEqual({ items: [{ tag: 'cats', count: 1 }, { tag: 'night sky', count: 1 }] });

    const album = (await send(u, 'POST', '/api/v1/albums', { name: 'Sale' })).json() as { id: string };
    await send(u, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [pct.id, fifty.id] });
    expect((await listIds(u, `album=${album.id}`)).sort()).toEqual([pct.id, fifty.id].sort());
    expect(await listIds(u, `album=${album.id}&favorite=true`)).toEqual([fifty.id]);
  });
});

describe('trash, favorites, tags', () => {
  it('trashes (hidden from the gallery, listed with trash=true) and restores', async () => {
    const u = await signUp(t.app);
    const a = await uploaded(u);
    const b = await uploaded(u);
    expect((await send(u, 'DELETE', `/api/v1/assets/${a.id}`)).statusCode).toBe(204);
    expect(await listIds(u, '')).toEqual([b.id]);
    expect(await listIds(u, 'trash=true')).toEqual([a.id]);
    expect((await get(u, `/api/v1/assets/${a.id}`)).json().deletedAt).not.toBeNull();
    const restored = await send(u, 'POST', `/api/v1/assets/${a.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().deletedAt).toBeNull();
    expect((await listIds(u, '')).sort()).toEqual([a.id, b.id].sort());
  });

  it('tells when a trashed image will be purged: deletion time plus the retention period', async () => {
    const u = await signUp(t.app);
    const a = await uploaded(u);
    expect((await get(u, `/api/v1/assets/${a.id}`)).json().purgeAt).toBeUndefined();
    expect((await send(u, 'DELETE', `/api/v1/assets/${a.id}`)).statusCode).toBe(204);

    const [listed] = (await get(u, '/api/v1/assets?trash=true')).json().items as (AssetJson & { purgeAt: string })[];
    const retentionMs = t.services.config.trashRetentionDays * DAY_MS;
    expect(Date.parse(listed!.purgeAt) - Date.parse(listed!.deletedAt!)).toBe(retentionMs);
    expect((await get(u, `/api/v1/assets/${a.id}`)).json().purgeAt).toBe(listed!.purgeAt);
  });

  it('favorites with PUT and unfavorites with DELETE, both idempotent', async () => {
    const a = await uploaded();
    for (let i = 0; i < 2; i++) expect((await send(alice, 'PUT', `/api/v1/assets/${a.id}/favorite`)).json().favorite).toBe(true);
    for (let i = 0; i < 2; i++) expect((await send(alice, 'DELETE', `/api/v1/assets/${a.id}/favorite`)).json().favorite).toBe(false);
  });

  it('validates tags', async () => {
    const a = await uploaded();
    const tooLong = await send(alice, 'PUT', `/api/v1/assets/${a.id}/tags`, { tags: ['x'.repeat(41)] });
    expect(tooLong.statusCode).toBe(400);
    const tooMany = await send(alice, 'PUT', `/api/v1/assets/${a.id}/tags`, { tags: Array.from({ length: 31 }, (_, i) => `t${i}`) });
    expect(tooMany.statusCode).toBe(400);
    expect((await send(alice, 'PUT', `/api/v1/assets/${a.id}/tags`, {})).statusCode).toBe(400);
    expect((await send(alice, 'PUT', `/api/v1/assets/${a.id}/tags`, { tags: ['ok'], extra: 1 })).statusCode).toBe(400);
  });

  it('[D-21] deletes a trashed image for good on request: row, original and thumbnail; a live one is refused', async () => {
    const u = await signUp(t.app);
    const a = await uploaded(u);
    const keep = await uploaded(u);
    await get(u, a.urls.thumbnail);
    const live = await send(u, 'POST', `/api/v1/assets/${a.id}/purge`);
    expect(live.statusCode).toBe(409);
    expect(live.json().error.code).toBe('INVALID_STATE');
    expect((await get(u, `/api/v1/assets/${a.id}`)).statusCode).toBe(200);

    await send(u, 'DELETE', `/api/v1/assets/${a.id}`);
    expect((await send(u, 'POST', `/api/v1/assets/${a.id}/purge`)).statusCode).toBe(204);
    expect((await get(u, `/api/v1/assets/${a.id}`)).statusCode).toBe(404);
    expect(await listIds(u, 'trash=true')).toEqual([]);
    expect(await t.services.blobs.exists(blobKeys.original(u.id, a.id))).toBe(false);
    expect(await t.services.blobs.exists(blobKeys.thumbnail(u.id, a.id))).toBe(false);
    expect((await send(u, 'POST', `/api/v1/assets/${a.id}/purge`)).statusCode).toBe(404);
    expect(await listIds(u, '')).toEqual([keep.id]);
  });

  it('purges trash older than 30 days with its blobs, and keeps younger trash', async () => {
    const u = await signUp(t.app);
    const old = await uploaded(u);
    const young = await uploaded(u);
    await get(u, old.urls.thumbnail);
    await get(u, young.urls.thumbnail);
    await send(u, 'DELETE', `/api/v1/assets/${old.id}`);
    clock.advance(20 * DAY_MS);
    await send(u, 'DELETE', `/api/v1/assets/${young.id}`);
    clock.advance(10 * DAY_MS + 1);
    expect(await t.services.assets.purgeExpiredTrash()).toBeGreaterThanOrEqual(1);
    clock.advance(-30 * DAY_MS - 1); // back, so the sessions made at the current time stay valid for the other tests

    const rows = await t.services.db.selectFrom('assets').select('id').where('id', 'in', [old.id, young.id]).execute();
    expect(rows.map((r) => r.id)).toEqual([young.id]);
    expect(await t.services.blobs.exists(blobKeys.original(u.id, old.id))).toBe(false);
    expect(await t.services.blobs.exists(blobKeys.thumbnail(u.id, old.id))).toBe(false);
    expect(await t.services.blobs.exists(blobKeys.original(u.id, young.id))).toBe(true);
    expect(await t.services.blobs.exists(blobKeys.thumbnail(u.id, young.id))).toBe(true);
    expect((await get(u, `/api/v1/assets/${old.id}`)).statusCode).toBe(404);
  });
});

describe('POST /assets/bulk', () => {
  it('applies delete, restore, favorite, unfavorite and album actions', async () => {
    const u = await signUp(t.app);
    const [a, b] = [await uploaded(u), await uploaded(u)];
    const bulk = (body: object) => send(u, 'POST', '/api/v1/assets/bulk', body);

    expect((await bulk({ action: 'favorite', ids: [a.id, b.id] })).json()).toEqual({ action: 'favorite', count: 2, changed: 2 });
    expect((await listIds(u, 'favorite=true')).length).toBe(2);
    expect((await bulk({ action: 'unfavorite', ids: [a.id] })).json()).toEqual({ action: 'unfavorite', count: 1, changed: 1 });
    expect((await bulk({ action: 'delete', ids: [a.id, b.id, a.id] })).json()).toEqual({ action: 'delete', count: 2, changed: 2 });
    expect(await listIds(u, '')).toEqual([]);
    expect((await bulk({ action: 'restore', ids: [a.id, b.id] })).json()).toEqual({ action: 'restore', count: 2, changed: 2 });

    const album = (await send(u, 'POST', '/api/v1/albums', { name: 'Bulk' })).json() as { id: string };
    expect((await bulk({ action: 'add_to_album', ids: [a.id, b.id], albumId: album.id })).json()).toEqual({ action: 'add_to_album', count: 2, changed: 2 });
    expect((await listIds(u, `album=${album.id}`)).length).toBe(2);
    expect((await bulk({ action: 'remove_from_album', ids: [a.id], albumId: album.id })).json()).toEqual({ action: 'remove_from_album', count: 1, changed: 1 });
    expect(await listIds(u, `album=${album.id}`)).toEqual([b.id]);

    expect((await bulk({ action: 'add_to_album', ids: [a.id] })).statusCode).toBe(400);
    expect((await bulk({ action: 'explode', ids: [a.id] })).statusCode).toBe(400);
    expect((await bulk({ action: 'delete', ids: [] })).statusCode).toBe(400);
    expect((await bulk({ action: 'delete', ids: Array.from({ length: 501 }, (_, i) => `id-${i}`) })).statusCode).toBe(400);
  });

  it('deletes a trashed selection for good, and refuses (changing nothing) when one of them is not in the trash', async () => {
    const u = await signUp(t.app);
    const [a, b, c] = [await uploaded(u), await uploaded(u), await uploaded(u)];
    const bulk = (body: object) => send(u, 'POST', '/api/v1/assets/bulk', body);
    await bulk({ action: 'delete', ids: [a.id, b.id] });
    const mixed = await bulk({ action: 'purge', ids: [a.id, c.id] });
    expect(mixed.statusCode).toBe(409);
    expect((await listIds(u, 'trash=true')).sort()).toEqual([a.id, b.id].sort());
    expect((await bulk({ action: 'purge', ids: [a.id, b.id] })).json()).toEqual({ action: 'purge', count: 2, changed: 2 });
    expect(await listIds(u, 'trash=true')).toEqual([]);
    expect(await listIds(u, '')).toEqual([c.id]);
    expect(await t.services.blobs.exists(blobKeys.original(u.id, b.id))).toBe(false);
  });

  it("is all or nothing: another user's id makes it 404 and nothing changes", async () => {
    const u = await signUp(t.app);
    const mine = await uploaded(u);
    const theirs = await uploaded(bob);
    const res = await send(u, 'POST', '/api/v1/assets/bulk', { action: 'delete', ids: [mine.id, theirs.id] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', details: { missingIds: [theirs.id] } });
    expect(await listIds(u, '')).toEqual([mine.id]);
    expect((await get(bob, `/api/v1/assets/${theirs.id}`)).json().deletedAt).toBeNull();
  });
});

describe('ownership', () => {
  it("answers 404 on every endpoint for another user's asset, exactly like a missing one", async () => {
    const a = await uploaded(alice);
    const missing = '00000000-0000-4000-8000-000000000000';
    const calls = (id: string) => [
      () => get(bob, `/api/v1/assets/${id}`),
      () => get(bob, `/api/v1/assets/${id}/content`),
      () => get(bob, `/api/v1/assets/${id}/content`, { range: 'bytes=0-1' }),
      () => get(bob, `/api/v1/assets/${id}/thumbnail`),
      () => send(bob, 'DELETE', `/api/v1/assets/${id}`),
      () => send(bob, 'POST', `/api/v1/assets/${id}/restore`),
      () => send(bob, 'POST', `/api/v1/assets/${id}/purge`),
      () => send(bob, 'PUT', `/api/v1/assets/${id}/favorite`),
      () => send(bob, 'DELETE', `/api/v1/assets/${id}/favorite`),
      () => send(bob, 'PUT', `/api/v1/assets/${id}/tags`, { tags: ['mine'] }),
      () => send(bob, 'POST', '/api/v1/assets/bulk', { action: 'favorite', ids: [id] }),
    ];
    const theirs = await Promise.all(calls(a.id).map((c) => c()));
    const none = await Promise.all(calls(missing).map((c) => c()));
    for (let i = 0; i < theirs.length; i++) {
      expect(theirs[i]!.statusCode, `call ${i}`).toBe(404);
      expect(theirs[i]!.json().error.message).toBe(none[i]!.json().error.message.replace(missing, a.id));
    }
    // Nothing of Alice's changed.
    const after = (await get(alice, `/api/v1/assets/${a.id}`)).json() as AssetJson;
    expect(after).toMatchObject({ favorite: false, tags: [], deletedAt: null });
    expect(await listIds(bob, '')).not.toContain(a.id);
  });

  it("cannot add someone else's asset to one's own album", async () => {
    const a = await uploaded(alice);
    const album = (await send(bob, 'POST', '/api/v1/albums', { name: 'Grab' })).json() as { id: string };
    const direct = await send(bob, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [a.id] });
    expect(direct.statusCode).toBe(404);
    const bulk = await send(bob, 'POST', '/api/v1/assets/bulk', { action: 'add_to_album', ids: [a.id], albumId: album.id });
    expect(bulk.statusCode).toBe(404);
    expect((await get(bob, `/api/v1/albums/${album.id}`)).json().assetCount).toBe(0);
  });
});

describe('generated images', () => {
  it('stores a generation output with provenance XMP, readable through the asset API', async () => {
    const u = await signUp(t.app);
    const res = await send(u, 'POST', '/api/v1/generations', { prompt: 'a quiet harbour at dawn', size: '256x256' });
    expect(res.statusCode).toBe(202);
    const g = await waitForGeneration(t.app, u, res.json().id);
    expect(g.status).toBe('succeeded');
    const assetId = g.outputs[0].asset.id as string;
    const a = (await get(u, `/api/v1/assets/${assetId}`)).json() as AssetJson;
    expect(a).toMatchObject({ kind: 'generated', prompt: 'a quiet harbour at dawn', generationId: g.id, outputIndex: 0 });
    expect(await listIds(u, 'kind=generated')).toEqual([assetId]);
    const content = await get(u, a.urls.content);
    expect(sha256(content.rawPayload)).toBe(a.sha256);
    const provenance = await readProvenance(content.rawPayload);
    // The built-in renderer is procedural, not a trained model.
    expect(provenance.digitalSourceType).toBe(ALGORITHMIC_MEDIA);
    expect(a.digitalSourceType).toBe(ALGORITHMIC_MEDIA);
    expect(provenance.prompt).toBeUndefined(); // embedding the prompt is off by default
  });
});
