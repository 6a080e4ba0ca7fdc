import { CompiledQuery } from 'kysely';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { DAY_MS } from '../../lib/clock.js';
import { ALGORITHMIC_MEDIA, readProvenance, TRAINED_ALGORITHMIC_MEDIA } from '../../media/index.js';
import { likeLiteral, type AssetListFilter } from './repository.js';
import { blobKeys, normaliseTags, sanitiseFileName } from './service.js';
import { bombPng, createTestContext, image, type Format, type TestContext } from '../../test-support/factories.js';
import { testBackend } from '../../test-support/test-database.js';
import { orientedJpegWithGps, sha256 } from './test-fixtures.js';

async function expectAppError(p: Promise<unknown>, code: string, status?: number): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (status !== undefined) expect((err as AppError).statusCode).toBe(status);
  return err as AppError;
}

let env: TestContext;
let alice: string;
let bob: string;

beforeEach(async () => {
  env = await createTestContext({ maxInputPixels: 4_000_000 });
  alice = await env.newUser();
  bob = await env.newUser();
});

afterEach(async () => {
  await env.close();
});

const upload = (userId = alice, format: Format = 'png', fileName = `pic.${format}`, width = 64, height = 48) =>
  env.newAsset(userId, { format, fileName, width, height });

describe('upload', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
  ] as const)('stores a %s encrypted, with size and sha256 of what is stored', async (format, mime) => {
    const a = await env.assets.upload(alice, { data: await image(format, 64, 48), fileName: `cat.${format}` });
    expect(a).toMatchObject({ kind: 'upload', mime, width: 64, height: 48, favorite: false, tags: [], prompt: null, fileName: `cat.${format}`, deletedAt: null });
    expect(a.urls).toEqual({ content: `/api/v1/assets/${a.id}/content`, thumbnail: `/api/v1/assets/${a.id}/thumbnail` });
    const row = (await env.repo.findById(a.id))!;
    expect(row.blob_key).toBe(blobKeys.original(alice, a.id));
    expect(row.search_text).toBe(`cat.${format}`);
    expect(JSON.parse(row.metadata)).toEqual({ fileName: `cat.${format}` });
    const stored = await env.blobs.getBuffer(row.blob_key, alice);
    expect(stored.length).toBe(a.bytes);
    expect(sha256(stored)).toBe(a.sha256);
    // Encrypted at rest: the file on disk is not the image.
    expect(await env.blobs.exists(row.blob_key)).toBe(true);
  });

  it('decides the type from the bytes: a PNG named .jpg is stored as PNG', async () => {
    const a = await env.assets.upload(alice, { data: await image('png'), fileName: 'holiday.jpg' });
    expect(a.mime).toBe('image/png');
    expect(a.fileName).toBe('holiday.jpg');
  });

  it('refuses a text file named .png with 415', async () => {
    await expectAppError(env.assets.upload(alice, { data: Buffer.from('hello, I am not an image'), fileName: 'x.png' }), 'UNSUPPORTED_MEDIA_TYPE', 415);
  });

  it('refuses a decompression bomb with 413 IMAGE_TOO_LARGE, and an image over maxInputPixels', async () => {
    await expectAppError(env.assets.upload(alice, { data: bombPng(), fileName: 'bomb.png' }), 'IMAGE_TOO_LARGE', 413);
    await expectAppError(env.assets.upload(alice, { data: await image('png', 2100, 2000), fileName: 'big.png' }), 'IMAGE_TOO_LARGE', 413);
  });

  it('refuses corrupt data with 400 INVALID_IMAGE and an empty file with 400', async () => {
    const png = await image('png', 200, 200);
    await expectAppError(env.assets.upload(alice, { data: png.subarray(0, 60), fileName: 'cut.png' }), 'INVALID_IMAGE', 400);
    await expectAppError(env.assets.upload(alice, { data: Buffer.alloc(0), fileName: 'empty.png' }), 'VALIDATION_FAILED', 400);
  });

  it('applies EXIF orientation and strips EXIF/GPS from the stored image', async () => {
    const input = await orientedJpegWithGps();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const a = await env.assets.upload(alice, { data: input, fileName: 'phone.jpg' });
    expect([a.width, a.height]).toEqual([20, 40]);
    const stored = await env.blobs.getBuffer((await env.repo.findById(a.id))!.blob_key, alice);
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneCo'))).toBe(false);
  });

  it('sanitises file names', () => {
    expect(sanitiseFileName('C:\\Users\\me\\Desktop\\cat.png')).toBe('cat.png');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('evil\u202egnp.exe')).toBe('evilgnp.exe');
    expect(sanitiseFileName('  a\tb\n.png ')).toBe('ab.png'); // control characters dropped
    expect(sanitiseFileName('my   summer  pic.png')).toBe('my summer pic.png');
    expect(sanitiseFileName('')).toBe('upload');
    expect(sanitiseFileName(undefined)).toBe('upload');
    expect(sanitiseFileName('x'.repeat(500)).length).toBe(200);
  });
});

describe('thumbnail', () => {
  it('makes a WebP of at most 512 px once, then serves it from the blob store', async () => {
    const a = await env.assets.upload(alice, { data: await image('jpeg', 1200, 800), fileName: 'wide.jpg' });
    const first = await env.assets.thumbnail(alice, a.id);
    expect(first.generated).toBe(true);
    const meta = await sharp(first.data).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(512);
    expect([meta.width, meta.height]).toEqual([512, 341]);

    const row = (await env.repo.findById(a.id))!;
    expect(row.thumb_key).toBe(blobKeys.thumbnail(alice, a.id));
    expect(await env.blobs.exists(row.thumb_key!)).toBe(true);

    const second = await env.assets.thumbnail(alice, a.id);
    expect(second.generated).toBe(false);
    expect(second.data.equals(first.data)).toBe(true);
  });

  it('makes the thumbnail again when the cached blob went missing', async () => {
    const a = await upload();
    await env.assets.thumbnail(alice, a.id);
    await env.blobs.delete(blobKeys.thumbnail(alice, a.id));
    const again = await env.assets.thumbnail(alice, a.id);
    expect(again.generated).toBe(true);
    expect(await env.blobs.exists(blobKeys.thumbnail(alice, a.id))).toBe(true);
  });
});

describe('content', () => {
  it('round-trips byte-exact and resolves ranges', async () => {
    const a = await upload();
    const whole = await env.assets.content(alice, a.id);
    expect(whole.range).toBeNull();
    const chunks: Buffer[] = [];
    for await (const c of await whole.open()) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    expect(sha256(body)).toBe(a.sha256);

    const part = await env.assets.content(alice, a.id, { range: 'bytes=0-9' });
    expect(part.range).toEqual({ start: 0, end: 9 });
    expect(part.length).toBe(10);
    const got: Buffer[] = [];
    for await (const c of await part.open()) got.push(c as Buffer);
    expect(Buffer.concat(got).equals(body.subarray(0, 10))).toBe(true);

    // If-Range with another ETag: the whole image instead of the range.
    const stale = await env.assets.content(alice, a.id, { range: 'bytes=0-9', ifRange: '"other"' });
    expect(stale.range).toBeNull();

    const err = await expectAppError(env.assets.content(alice, a.id, { range: `bytes=${a.bytes}-` }), 'RANGE_NOT_SATISFIABLE', 416);
    expect(err.headers).toEqual({ 'content-range': `bytes */${a.bytes}` });
  });
});

describe('gallery', () => {
  it('walks every asset exactly once across pages, newest first, ties on created_at included', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const a = await env.assets.upload(alice, { data: await image('png', 8, 8), fileName: `n${i}.png` });
      ids.push(a.id);
      if (i % 3 === 2) env.clock.advance(1000); // three assets share each timestamp
    }
    await upload(bob);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await env.assets.list(alice, { limit: 5, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen, 'assets uploaded in the same millisecond list newest first too').toEqual([...ids].reverse());
    const rows = await Promise.all(seen.map((id) => env.repo.findById(id)));
    for (let i = 1; i < rows.length; i++) {
      const [p, c] = [rows[i - 1]!, rows[i]!];
      expect(p.created_at > c.created_at || (p.created_at === c.created_at && p.id > c.id)).toBe(true);
    }
  });

  it('refuses a forged cursor', async () => {
    await expectAppError(env.assets.list(alice, { cursor: 'bm9wZQ' }), 'VALIDATION_FAILED', 400);
  });

  it('filters by kind, favorite, tag, album and literal text', async () => {
    const a = await upload(alice, 'png', '100% done.png');
    const b = await upload(alice, 'png', '100 percent.png');
    const c = await upload(alice, 'png', 'snake_case.png');
    const d = await upload(alice, 'png', 'snakeXcase.png');
    const gen = await env.newGeneration(alice, 'A Red Fox');
    const g = await env.assets.storeOutput({
      userId: alice, generationId: gen, index: 0, kind: 'generated', parentId: null, prompt: 'A Red Fox', engine: 'builtin', origin: 'procedural',
      embedPrompt: false, metadata: {}, image: { index: 0, data: await image('png', 16, 16), mime: 'image/png', width: 16, height: 16 },
    });
    const ids = (p: { items: { id: string }[] }) => p.items.map((i) => i.id).sort();

    expect(ids(await env.assets.list(alice, { kind: 'generated' }))).toEqual([g.id]);
    expect(ids(await env.assets.list(alice, { kind: 'upload' }))).toEqual([a.id, b.id, c.id, d.id].sort());

    await env.assets.setFavorite(alice, b.id, true);
    expect(ids(await env.assets.list(alice, { favorite: true }))).toEqual([b.id]);
    expect(ids(await env.assets.list(alice, { favorite: false }))).toHaveLength(4);

    await env.assets.setTags(alice, c.id, ['Beach', ' summer ']);
    await env.assets.setTags(alice, d.id, ['beach']);
    expect(ids(await env.assets.list(alice, { tag: 'beach' }))).toEqual([c.id, d.id].sort());
    expect(ids(await env.assets.list(alice, { tag: 'BEACH ' }))).toEqual([c.id, d.id].sort());
    expect(ids(await env.assets.list(alice, { tag: 'summer' }))).toEqual([c.id]);

    const album = await env.albums.create(alice, { name: 'Trip' });
    await env.albums.addAssets(alice, album.id, [a.id, g.id]);
    expect(ids(await env.assets.list(alice, { albumId: album.id }))).toEqual([a.id, g.id].sort());
    await expectAppError(env.assets.list(bob, { albumId: album.id }), 'NOT_FOUND', 404);

    expect(ids(await env.assets.list(alice, { q: '100%' }))).toEqual([a.id]);
    expect(ids(await env.assets.list(alice, { q: 'snake_case' }))).toEqual([c.id]);
    expect(ids(await env.assets.list(alice, { q: 'red fox' }))).toEqual([g.id]);
    expect(ids(await env.assets.list(alice, { q: '\\' }))).toEqual([]);
    expect(likeLiteral('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');

    // Combined filters.
    expect(ids(await env.assets.list(alice, { kind: 'upload', tag: 'beach', q: 'snake_' }))).toEqual([c.id]);
  });

  it('loads the tags of a page with the items', async () => {
    const a = await upload();
    await env.assets.setTags(alice, a.id, ['b', 'a']);
    const page = await env.assets.list(alice);
    expect(page.items[0]!.tags).toEqual(['a', 'b']);
  });

  // SQLite's EXPLAIN QUERY PLAN; the gallery benchmark (bench/gallery) measures the pages on PostgreSQL.
  it.skipIf(testBackend() !== 'sqlite')('uses the partial indexes for the plain gallery and its next pages (SQLite plans)', async () => {
    const plan = async (filter: AssetListFilter, after?: { createdAt: number; id: string }) => {
      const q = env.repo.listQuery(alice, filter, after, 51).compile();
      const res = await env.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      return res.rows.map((r) => r.detail).join('\n');
    };
    const after = { createdAt: Date.UTC(2026, 0, 1), id: '00000000-0000-4000-8000-000000000000' };
    expect(await plan({})).toMatch(/USING INDEX assets_user_live \(user_id=\?\)/);
    // A next page seeks to the cursor on the index instead of walking the rows before it.
    expect(await plan({}, after)).toMatch(/USING INDEX assets_user_live \(user_id=\? AND created_at<\?\)/);
    expect(await plan({ kind: 'generated' })).toMatch(/USING INDEX assets_user_kind_live \(user_id=\? AND kind=\?\)/);
    expect(await plan({ kind: 'generated' }, after)).toMatch(/USING INDEX assets_user_kind_live \(user_id=\? AND kind=\? AND created_at<\?\)/);
    for (const p of [await plan({}), await plan({}, after), await plan({ kind: 'upload' }, after), await plan({ tag: 'x' }),
      await plan({ tag: 'x' }, after), await plan({ albumId: 'y' }, after), await plan({ tag: 'x', albumId: 'y' }, after)]) {
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    // A tag or album page walks the membership in gallery order and seeks to the cursor on it.
    expect(await plan({ tag: 'x' })).toMatch(/^SEARCH m USING COVERING INDEX asset_tags_user_tag_created \(user_id=\? AND tag=\?\)/);
    expect(await plan({ tag: 'x' }, after)).toMatch(/^SEARCH m USING COVERING INDEX asset_tags_user_tag_created \(user_id=\? AND tag=\? AND created_at<\?\)/);
    expect(await plan({ albumId: 'y' }, after)).toMatch(/^SEARCH m USING COVERING INDEX album_assets_album_created \(album_id=\? AND created_at<\?\)/);
  });

  it('pages through a tag and an album newest first, whatever order the members were added in', async () => {
    const [a, b, c, d] = [await upload(), await upload(), await upload(), await upload()];
    for (const x of [c, a, d, b]) await env.assets.setTags(alice, x!.id, ['trip']);
    const album = await env.albums.create(alice, { name: 'Trip' });
    await env.albums.addAssets(alice, album.id, [b!.id, d!.id, a!.id, c!.id]);
    await env.assets.trash(alice, c!.id);
    for (const filter of [{ tag: 'trip' }, { albumId: album.id }]) {
      const first = await env.assets.list(alice, { ...filter, limit: 2 });
      expect(first.items.map((i) => i.id)).toEqual([d!.id, b!.id]);
      const second = await env.assets.list(alice, { ...filter, limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((i) => i.id)).toEqual([a!.id]);
      expect(second.nextCursor).toBeNull();
    }
  });
});

describe('trash', () => {
  it('hides trashed assets from the gallery, lists them with trash=true, and restores them', async () => {
    const a = await upload();
    const b = await upload();
    await env.assets.trash(alice, a.id);
    expect((await env.assets.list(alice)).items.map((i) => i.id)).toEqual([b.id]);
    const trash = await env.assets.list(alice, { trash: true });
    expect(trash.items.map((i) => i.id)).toEqual([a.id]);
    expect(trash.items[0]!.deletedAt).toBe(new Date(env.clock.now()).toISOString());
    // Still readable while in the trash.
    expect((await env.assets.get(alice, a.id)).deletedAt).not.toBeNull();

    const restored = await env.assets.restore(alice, a.id);
    expect(restored.deletedAt).toBeNull();
    expect((await env.assets.list(alice)).items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect((await env.assets.list(alice, { trash: true })).items).toEqual([]);
  });

  it('trashing twice keeps the first deletion time', async () => {
    const a = await upload();
    await env.assets.trash(alice, a.id);
    const t = (await env.repo.findById(a.id))!.deleted_at;
    env.clock.advance(DAY_MS);
    await env.assets.trash(alice, a.id);
    expect((await env.repo.findById(a.id))!.deleted_at).toBe(t);
  });

  it('purges assets trashed more than 30 days ago with their original and thumbnail, and nothing younger', async () => {
    const old = await upload();
    const young = await upload();
    const live = await upload();
    for (const a of [old, young, live]) await env.assets.thumbnail(alice, a.id);
    await env.assets.setTags(alice, old.id, ['x']);
    const album = await env.albums.create(alice, { name: 'A' });
    await env.albums.addAssets(alice, album.id, [old.id]);

    await env.assets.trash(alice, old.id);
    env.clock.advance(10 * DAY_MS);
    await env.assets.trash(alice, young.id);
    env.clock.advance(20 * DAY_MS); // old: exactly 30 days
    expect(await env.assets.purgeExpiredTrash()).toBe(0);
    env.clock.advance(1);
    expect(await env.assets.purgeExpiredTrash()).toBe(1);

    expect(await env.repo.findById(old.id)).toBeUndefined();
    expect(await env.blobs.exists(blobKeys.original(alice, old.id))).toBe(false);
    expect(await env.blobs.exists(blobKeys.thumbnail(alice, old.id))).toBe(false);
    expect(await env.db.selectFrom('asset_tags').selectAll().where('asset_id', '=', old.id).execute()).toEqual([]);
    expect((await env.albums.get(alice, album.id)).assetCount).toBe(0);

    for (const a of [young, live]) {
      expect(await env.repo.findById(a.id)).toBeDefined();
      expect(await env.blobs.exists(blobKeys.original(alice, a.id))).toBe(true);
      expect(await env.blobs.exists(blobKeys.thumbnail(alice, a.id))).toBe(true);
    }

    env.clock.advance(10 * DAY_MS);
    expect(await env.assets.purgeExpiredTrash()).toBe(1);
    expect(await env.repo.findById(young.id)).toBeUndefined();
    expect(await env.repo.findById(live.id)).toBeDefined();
  });

  it('purges in batches (more than one batch of 100)', async () => {
    const data = await image('png', 4, 4);
    for (let i = 0; i < 130; i++) {
      const a = await env.assets.upload(alice, { data, fileName: `${i}.png` });
      await env.assets.trash(alice, a.id);
    }
    env.clock.advance(31 * DAY_MS);
    expect(await env.assets.purgeExpiredTrash()).toBe(130);
    expect((await env.assets.list(alice, { trash: true })).items).toEqual([]);
  });

  it('purgeAsset deletes one trashed asset now and refuses a live one', async () => {
    const a = await upload();
    await expectAppError(env.assets.purgeAsset(alice, a.id), 'INVALID_STATE', 409);
    await env.assets.trash(alice, a.id);
    await expectAppError(env.assets.purgeAsset(bob, a.id), 'NOT_FOUND', 404);
    await env.assets.purgeAsset(alice, a.id);
    expect(await env.repo.findById(a.id)).toBeUndefined();
    expect(await env.blobs.exists(blobKeys.original(alice, a.id))).toBe(false);
  });
});

describe('favorites, tags, bulk', () => {
  it('normalises tags and counts them over live assets', async () => {
    expect(normaliseTags([' Sun ', 'SUN', 'sea  side'])).toEqual(['sun', 'sea side']);
    expect(() => normaliseTags(['  '])).toThrow(AppError);
    expect(() => normaliseTags(['x'.repeat(41)])).toThrow(/at most 40/);
    expect(normaliseTags(['x'.repeat(40)])).toHaveLength(1);
    expect(() => normaliseTags(Array.from({ length: 31 }, (_, i) => `t${i}`))).toThrow(/at most 30/);

    const a = await upload();
    const b = await upload();
    await env.assets.setTags(alice, a.id, ['sun', 'sea']);
    await env.assets.setTags(alice, b.id, ['sun']);
    await env.assets.setTags(bob, (await upload(bob)).id, ['sun']);
    expect(await env.assets.tagCounts(alice)).toEqual([{ tag: 'sun', count: 2 }, { tag: 'sea', count: 1 }]);
    await env.assets.trash(alice, b.id);
    expect(await env.assets.tagCounts(alice)).toEqual([{ tag: 'sea', count: 1 }, { tag: 'sun', count: 1 }]);
    expect((await env.assets.setTags(alice, a.id, [])).tags).toEqual([]);
  });

  it('bulk actions apply to every id, all or nothing on ownership', async () => {
    const [a, b] = [await upload(), await upload()];
    const theirs = await upload(bob);
    expect(await env.assets.bulk(alice, 'favorite', [a.id, b.id, a.id])).toEqual({ count: 2, changed: 2 });
    expect(await env.assets.bulk(alice, 'favorite', [a.id])).toEqual({ count: 1, changed: 0 });
    expect((await env.assets.list(alice, { favorite: true })).items).toHaveLength(2);

    const err = await expectAppError(env.assets.bulk(alice, 'delete', [a.id, theirs.id, 'nope']), 'NOT_FOUND', 404);
    expect(err.details).toEqual({ missingIds: [theirs.id, 'nope'] });
    expect((await env.assets.list(alice)).items).toHaveLength(2); // nothing trashed
    expect((await env.assets.get(bob, theirs.id)).deletedAt).toBeNull();

    expect(await env.assets.bulk(alice, 'delete', [a.id, b.id])).toEqual({ count: 2, changed: 2 });
    expect((await env.assets.list(alice)).items).toEqual([]);
    expect(await env.assets.bulk(alice, 'restore', [a.id, b.id])).toEqual({ count: 2, changed: 2 });
    expect(await env.assets.bulk(alice, 'unfavorite', [a.id, b.id])).toEqual({ count: 2, changed: 2 });
  });
});

describe('ownership', () => {
  it("answers another user's asset exactly like a missing one", async () => {
    const a = await upload();
    const calls: Array<() => Promise<unknown>> = [
      () => env.assets.get(bob, a.id),
      () => env.assets.content(bob, a.id),
      () => env.assets.thumbnail(bob, a.id),
      () => env.assets.trash(bob, a.id),
      () => env.assets.restore(bob, a.id),
      () => env.assets.setFavorite(bob, a.id, true),
      () => env.assets.setTags(bob, a.id, ['mine']),
      () => env.assets.requireOwned(bob, [a.id]),
    ];
    for (const call of calls) {
      const err = await expectAppError(call(), 'NOT_FOUND', 404);
      expect(err.message).toBe('Asset not found');
    }
    const missing = await expectAppError(env.assets.get(bob, '6a1f8f4e-0000-4000-8000-000000000000'), 'NOT_FOUND', 404);
    expect(missing.message).toBe('Asset not found');
    const row = (await env.repo.findById(a.id))!;
    expect(row.deleted_at).toBeNull();
    expect(row.favorite).toBe(0);
    expect(row.thumb_key).toBeNull();
  });
});

describe('generation port', () => {
  const pngImage = async (index: number) => ({ index, data: await image('png', 32, 24, '#2040c0'), mime: 'image/png' as const, width: 32, height: 24 });

  it('storeOutput is idempotent per (generation, index): one asset, one blob, one output row', async () => {
    const gen = await env.newGeneration(alice, 'a lighthouse at dusk');
    const input = {
      userId: alice, generationId: gen, index: 0, kind: 'generated' as const, parentId: null, prompt: 'a lighthouse at dusk',
      engine: 'builtin', origin: 'procedural' as const, embedPrompt: false, metadata: { seed: 7 }, image: await pngImage(0),
    };
    const first = await env.assets.storeOutput(input);
    env.clock.advance(1000);
    const second = await env.assets.storeOutput(input);
    const [c1, c2] = await Promise.all([env.assets.storeOutput({ ...input, index: 1 }), env.assets.storeOutput({ ...input, index: 1 })]);
    expect(second.id).toBe(first.id);
    expect(c1.id).toBe(c2.id);
    expect(first).toMatchObject({ kind: 'generated', generation_id: gen, output_index: 0, search_text: 'a lighthouse at dusk', mime: 'image/png', width: 32, height: 24 });
    expect(JSON.parse(first.metadata)).toEqual({ seed: 7, engine: 'builtin', digitalSourceType: ALGORITHMIC_MEDIA });

    const rows = await env.db.selectFrom('assets').select('id').where('generation_id', '=', gen).execute();
    expect(rows).toHaveLength(2);
    const outputs = await env.db.selectFrom('generation_outputs').selectAll().where('generation_id', '=', gen).orderBy('idx').execute();
    expect(outputs.map((o) => [o.idx, o.asset_id])).toEqual([[0, first.id], [1, c1.id]]);
    const blobFiles = [blobKeys.generated(alice, gen, 0), blobKeys.generated(alice, gen, 1), blobKeys.generated(alice, gen, 2)];
    expect(await Promise.all(blobFiles.map((k) => env.blobs.exists(k)))).toEqual([true, true, false]);
    const stored = await env.blobs.getBuffer(first.blob_key, alice);
    expect(sha256(stored)).toBe(first.sha256);

    const dto = await env.assets.get(alice, first.id);
    expect(dto).toMatchObject({ kind: 'generated', prompt: 'a lighthouse at dusk', generationId: gen, outputIndex: 0, parentId: null });
    expect(dto.fileName).toBeUndefined();
  });

  it('marks a model\'s images as trainedAlgorithmicMedia and embeds the prompt only when allowed', async () => {
    const gen = await env.newGeneration(alice, 'secret prompt');
    const base = {
      userId: alice, generationId: gen, kind: 'generated' as const, parentId: null, prompt: 'secret prompt', engine: 'seedream', origin: 'model' as const, metadata: {},
    };
    const without = await env.assets.storeOutput({ ...base, index: 0, embedPrompt: false, image: await pngImage(0) });
    const withPrompt = await env.assets.storeOutput({ ...base, index: 1, embedPrompt: true, image: await pngImage(1) });

    const p0 = await readProvenance(await env.blobs.getBuffer(without.blob_key, alice));
    expect(p0.digitalSourceType).toBe(TRAINED_ALGORITHMIC_MEDIA);
    expect(p0.prompt).toBeUndefined();
    const raw0 = await env.blobs.getBuffer(without.blob_key, alice);
    expect(raw0.includes(Buffer.from('secret prompt'))).toBe(false);
    expect((await sharp(raw0).metadata()).xmp!.toString()).toContain('trainedAlgorithmicMedia');

    const p1 = await readProvenance(await env.blobs.getBuffer(withPrompt.blob_key, alice));
    expect(p1.digitalSourceType).toBe(TRAINED_ALGORITHMIC_MEDIA);
    expect(p1.prompt).toBe('secret prompt');
  });

  it('stores edits with their parent, and requireOwned/loadReference serve engines', async () => {
    const src = await upload(alice, 'jpeg', 'src.jpg', 40, 30);
    const gen = await env.newGeneration(alice, 'make it blue');
    const edited = await env.assets.storeOutput({
      userId: alice, generationId: gen, index: 0, kind: 'edited', parentId: src.id, prompt: 'make it blue', engine: 'builtin', origin: 'classic-edit',
      embedPrompt: false, metadata: {}, image: await pngImage(0),
    });
    expect((await env.assets.get(alice, edited.id)).parentId).toBe(src.id);

    const owned = await env.assets.requireOwned(alice, [edited.id, src.id]);
    expect(owned.map((a) => a.id)).toEqual([edited.id, src.id]);
    expect(await env.assets.requireOwned(alice, [])).toEqual([]);
    const ref = await env.assets.loadReference(owned[1]!);
    expect(ref).toMatchObject({ assetId: src.id, mime: 'image/jpeg', width: 40, height: 30 });
    expect(sha256(ref.data)).toBe(src.sha256);

    await env.assets.trash(alice, src.id);
    await expectAppError(env.assets.requireOwned(alice, [src.id]), 'NOT_FOUND', 404);
  });
});
