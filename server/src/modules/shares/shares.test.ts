import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { appForFile, cookieHeader, signUp, waitForGeneration, type TestUser } from '../../test-support/harness.js';
import { image, multipart } from '../assets/test-fixtures.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

const send = (user: TestUser, method: 'POST' | 'DELETE' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
const list = async (user: TestUser) => (await t.app.inject({ url: '/api/v1/shares', headers: { cookie: user.cookie } })).json().items;

// Each visitor comes from an address of its own, so the per-IP lookup limits of one test do not reach another.
let visitor = 0;
const nextIp = () => `198.51.100.${++visitor}`;
/** A signed-out visitor: no cookie at all. */
const visit = (url: string, opts: { ip?: string; method?: 'GET' | 'POST'; form?: string; lang?: string } = {}) =>
  t.app.inject({
    method: opts.method ?? 'GET', url, remoteAddress: opts.ip ?? nextIp(),
    headers: { ...(opts.form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
    ...(opts.form !== undefined ? { payload: opts.form } : {}),
  });
const pathOf = (url: string) => new URL(url).pathname;
const ogImage = (html: string) => /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1];
const imageLinks = (html: string) => [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

async function upload(user: TestUser): Promise<string> {
  const body = multipart({ data: await image('png', 8, 8), filename: 'holiday.png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** A generated image whose stored copy embeds its prompt (the person chose so). */
async function generated(user: TestUser, prompt: string, count = 1) {
  await send(user, 'PATCH', '/api/v1/me', { preferences: { embedPromptInImages: true } });
  const queued = await send(user, 'POST', '/api/v1/generations', { prompt, size: '64x64', count });
  const g = await waitForGeneration(t.app, user, queued.json().id);
  expect(g.status).toBe('succeeded');
  return { generationId: g.id as string, assetIds: g.outputs.map((o: { asset: { id: string } }) => o.asset.id) as string[] };
}

function cspOf(res: LightMyRequestResponse): Map<string, string[]> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values];
  }));
}

function expectPrivate(res: LightMyRequestResponse): void {
  expect(res.headers['set-cookie']).toBeUndefined();
  expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

describe('share links', () => {
  it('shares an image signed out, with a preview card, served without the prompt; revoking answers 410', async () => {
    const { assetIds: [assetId] } = await generated(alice, 'a lighthouse at dusk, secret recipe');
    const created = await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false });
    expect(created.statusCode).toBe(201);
    const { id, url } = created.json();
    expect(url).toMatch(new RegExp(`^${t.services.config.privacy.publicUrl}/s/[A-Za-z0-9_-]{43}$`));
    const stored = await t.services.db.selectFrom('shares').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(url.split('/s/')[1]);

    const page = await visit(pathOf(url));
    expect(page.statusCode).toBe(200);
    expectPrivate(page);
    expect(page.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page.body).not.toContain('lighthouse');
    const og = ogImage(page.body)!;
    expect(og.startsWith(`${t.services.config.privacy.publicUrl}/s/`)).toBe(true);

    const served = await visit(pathOf(og.replace(/&amp;/g, '&')));
    expect(served.statusCode).toBe(200);
    expectPrivate(served);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-disposition']).toMatch(/^inline; filename="atelier-/);
    expect(served.rawPayload.toString('latin1')).toContain('cv.iptc.org/newscodes/digitalsourcetype/');
    expect(served.rawPayload.toString('latin1')).not.toContain('lighthouse');
    // The owner's own copy does carry it: the share stripped it.
    const own = await t.app.inject({ url: `/api/v1/assets/${assetId}/content`, headers: { cookie: alice.cookie } });
    expect(own.rawPayload.toString('latin1')).toContain('lighthouse');
    // The same provenance claim as the stored copy.
    const claim = (bytes: Buffer) => /digitalsourcetype\/(\w+)/.exec(bytes.toString('latin1'))?.[1];
    expect(claim(served.rawPayload)).toBe(claim(own.rawPayload));

    expect((await visit(`${pathOf(og)}?download=1`)).statusCode).toBe(403);
    expect((await list(alice)).find((s: { id: string }) => s.id === id)).toMatchObject({
      viewCount: 1, status: 'active', unavailableReason: null, target: { kind: 'asset', id: assetId }, preview: { assetId, text: null, images: 1 },
    });
    expect(await list(bob)).toEqual([]);

    expect((await send(bob, 'DELETE', `/api/v1/shares/${id}`)).statusCode).toBe(404);
    expect((await send(alice, 'DELETE', `/api/v1/shares/${id}`)).statusCode).toBe(204);
    const gone = await visit(pathOf(url));
    expect(gone.statusCode).toBe(410);
    expectPrivate(gone);
    expect(gone.body).toContain('This link no longer works');
    expect((await visit(pathOf(og))).statusCode).toBe(410);
    expect((await list(alice)).find((s: { id: string }) => s.id === id).status).toBe('revoked');
  });

  it('includes the prompt and offers the download only when the owner ticked them', async () => {
    const { generationId } = await generated(alice, 'two foxes under snow', 2);
    const { id, url } = (await send(alice, 'POST', '/api/v1/shares', { generationId, allowDownload: true, includePrompt: true })).json();
    const listed = (await list(alice)).find((s: { id: string }) => s.id === id);
    expect(listed.preview).toEqual({ assetId: expect.any(String), text: 'two foxes under snow', images: 2 });
    const page = await visit(pathOf(url), { lang: 'zh-CN,zh;q=0.9' });
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('two foxes under snow');
    const thumbs = imageLinks(page.body);
    expect(thumbs).toHaveLength(2);
    expect((await visit(thumbs[0]!)).headers['content-type']).toBe('image/webp');
    const full = imageLinks(page.body).map((u) => u.replace('/thumbs/', '/images/'));
    const download = await visit(`${full[1]}?download=1`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.rawPayload.toString('latin1')).toContain('two foxes under snow');
  });

  it("serves a shared upload under a neutral name, its own file name only when the owner included the details", async () => {
    const assetId = await upload(alice); // holiday.png
    const own = await t.app.inject({ url: `/api/v1/assets/${assetId}/content`, headers: { cookie: alice.cookie } });
    expect(own.headers['content-disposition']).toContain('holiday.png');
    const served = async (includePrompt: boolean) => {
      const { url } = (await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: true, includePrompt })).json();
      const page = await visit(pathOf(url));
      const [src] = imageLinks(page.body);
      return { page, inline: await visit(src!), attachment: await visit(`${src}?download=1`) };
    };
    const plain = await served(false);
    expect(plain.page.body).not.toContain('holiday');
    expect(plain.inline.headers['content-disposition']).toBe(`inline; filename="atelier-${assetId}.png"; filename*=UTF-8''atelier-${assetId}.png`);
    expect(plain.attachment.headers['content-disposition']).toBe(`attachment; filename="atelier-${assetId}.png"; filename*=UTF-8''atelier-${assetId}.png`);
    const detailed = await served(true);
    expect(detailed.inline.headers['content-disposition']).toMatch(/^inline; filename="holiday\.png"/);
    expect(detailed.attachment.headers['content-disposition']).toMatch(/^attachment; filename="holiday\.png"/);
  });

  it('shares an album: trashed images leave it at once, and it is gone when nothing is left', async () => {
    const [a, b] = [await upload(alice), await upload(alice)];
    const album = (await send(alice, 'POST', '/api/v1/albums', { name: 'Summer <2025>' })).json();
    await send(alice, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [a, b] });
    const { id, url, preview } = (await send(alice, 'POST', '/api/v1/shares', { albumId: album.id, allowDownload: false })).json();
    expect(preview).toEqual({ assetId: b, text: 'Summer <2025>', images: 2 }); // the newest image first, as the page shows it
    const listed = async () => (await list(alice)).find((s: { id: string }) => s.id === id);
    const page = await visit(pathOf(url));
    expect(page.body).toContain('Summer &lt;2025&gt;');
    expect(page.body).toContain('<meta property="og:title" content="Summer &lt;2025&gt;">');
    expect(page.body).not.toContain('download');
    const [thumbA] = imageLinks(page.body).filter((u) => u.includes(a));
    expect((await visit(thumbA!)).statusCode).toBe(200);

    expect((await send(alice, 'DELETE', `/api/v1/assets/${a}`)).statusCode).toBe(204);
    const after = await visit(pathOf(url));
    expect(imageLinks(after.body).some((u) => u.includes(a))).toBe(false);
    expect(imageLinks(after.body).some((u) => u.includes(b))).toBe(true);
    expect((await visit(thumbA!)).statusCode).toBe(404);
    expect((await visit(thumbA!.replace('/thumbs/', '/images/'))).statusCode).toBe(404);

    expect((await listed()).preview).toEqual({ assetId: b, text: 'Summer <2025>', images: 1 });
    await send(alice, 'DELETE', `/api/v1/assets/${b}`);
    expect((await visit(pathOf(url))).statusCode).toBe(410);
    // The owner's list says so, and why, instead of "active".
    expect(await listed()).toMatchObject({ status: 'unavailable', unavailableReason: 'in_trash', preview: { assetId: null, images: 0 } });
    await send(alice, 'POST', `/api/v1/assets/${b}/restore`);
    expect((await visit(pathOf(url))).statusCode).toBe(200);
    expect(await listed()).toMatchObject({ status: 'active', unavailableReason: null });
    expect((await send(alice, 'DELETE', `/api/v1/albums/${album.id}`)).statusCode).toBe(204);
    expect((await visit(pathOf(url))).statusCode).toBe(410);
    expect(await listed()).toMatchObject({ status: 'unavailable', unavailableReason: 'deleted', preview: { assetId: null, text: null, images: 0 } });
    await send(alice, 'DELETE', `/api/v1/shares/${id}`);
    expect(await listed()).toMatchObject({ status: 'revoked', unavailableReason: null });
  });

  it('asks for the password first; the page it opens carries a grant for its own images only', async () => {
    const assetId = await upload(alice);
    const { url } = (await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false, password: 'open sesame' })).json();
    const locked = await visit(pathOf(url));
    expect(locked.statusCode).toBe(200);
    expect(locked.body).toContain('type="password"');
    expect(ogImage(locked.body)).toBeUndefined();
    expect(locked.body).not.toContain(assetId);
    expect((await visit(`${pathOf(url)}/images/${assetId}`)).statusCode).toBe(404);

    const wrong = await visit(pathOf(url), { method: 'POST', form: 'password=guess' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('That password is not right');
    const opened = await visit(pathOf(url), { method: 'POST', form: 'password=open+sesame' });
    expect(opened.statusCode).toBe(200);
    expectPrivate(opened);
    const [src] = imageLinks(opened.body);
    expect(src).toMatch(/\?g=/);
    expect((await visit(src!)).statusCode).toBe(200);
    expect((await visit(`${src!.split('?')[0]}?g=${encodeURIComponent('9999999999999.forged')}`)).statusCode).toBe(404);
    // The grant of one link opens no other link.
    const other = (await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false, password: 'another one' })).json();
    expect((await visit(`${pathOf(other.url)}/images/${assetId}?${src!.split('?')[1]}`)).statusCode).toBe(404);
    const row = await t.services.db.selectFrom('shares').select('password_hash').where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('carries the site-wide security headers on the page, its images, the password form and the notices', async () => {
    const { assetIds: [assetId] } = await generated(alice, 'a quiet harbour');
    const { url } = (await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: true })).json();
    const locked = (await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false, password: 'open sesame' })).json();
    const page = await visit(pathOf(url));
    const [src] = imageLinks(page.body);
    const pages = [page, await visit(pathOf(locked.url)), await visit(pathOf(locked.url), { method: 'POST', form: 'password=nope' }), await visit(`/s/${'B'.repeat(43)}`)];
    const images = [await visit(src!), await visit(`${src}?download=1`), await visit(src!.replace('/images/', '/thumbs/'))];
    expect([...pages, ...images].map((r) => r.statusCode)).toEqual([200, 200, 403, 404, 200, 200, 200]);
    for (const res of [...pages, ...images]) {
      const csp = cspOf(res);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.has('script-src')).toBe(false); // default-src 'none' covers it
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-permitted-cross-domain-policies']).toBe('none');
      expectPrivate(res);
    }
    // The page's one inline style sheet is allowed by its hash, like the other server-rendered pages: no 'unsafe-inline'.
    for (const res of pages) {
      const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles).toHaveLength(1);
      expect(cspOf(res).get('style-src')).toEqual([`'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`]);
      expect(res.body).not.toMatch(/ style="/);
    }
  });

  it('validates what is shared and who owns it', async () => {
    const assetId = await upload(alice);
    const bobsAsset = await upload(bob);
    expect((await send(alice, 'POST', '/api/v1/shares', { allowDownload: false })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/shares', { assetId, albumId: 'x', allowDownload: false })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/shares', { assetId })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false, expiresInDays: 0 })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false, password: 'abc' })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/shares', { assetId: bobsAsset, allowDownload: false })).statusCode).toBe(404);
    expect((await send(alice, 'POST', '/api/v1/shares', { generationId: 'nope', allowDownload: false })).statusCode).toBe(404);
    expect((await send(alice, 'POST', '/api/v1/shares', { albumId: 'nope', allowDownload: false })).statusCode).toBe(404);
    await send(alice, 'DELETE', `/api/v1/assets/${assetId}`);
    const trashed = await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false });
    expect(trashed.statusCode).toBe(409);
    expect(trashed.json().error.message).toMatch(/restore it/);
    const signedOut = await t.app.inject({ method: 'POST', url: '/api/v1/shares', payload: { assetId, allowDownload: false } });
    expect(signedOut.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/shares' })).statusCode).toBe(401);
  });

  it('an expired link answers 410, an unknown one 404, and guessing is rate-limited per address', async () => {
    const assetId = await upload(alice);
    const { id, url } = (await send(alice, 'POST', '/api/v1/shares', { assetId, allowDownload: false, expiresInDays: 7 })).json();
    expect((await list(alice)).find((s: { id: string }) => s.id === id).expiresAt).not.toBeNull();
    await t.services.db.updateTable('shares').set({ expires_at: Date.now() - 1 }).where('id', '=', id).execute();
    expect((await visit(pathOf(url))).statusCode).toBe(410);
    expect((await list(alice)).find((s: { id: string }) => s.id === id).status).toBe('expired');

    const ip = nextIp();
    const guess = (n: number) => visit(`/s/${'A'.repeat(42)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[n % 26]}`, { ip });
    for (let n = 0; n < 20; n += 1) expect((await guess(n)).statusCode).toBe(404);
    const limited = await guess(20);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await visit('/s/short')).statusCode).toBe(404);
  });

  it('stops while its owner is suspended or awaiting deletion, and works again once the account is active', async () => {
    const dave = await signUp(t.app);
    const assetId = await upload(dave);
    const { url } = (await send(dave, 'POST', '/api/v1/shares', { assetId, allowDownload: true })).json();
    const image = pathOf(ogImage((await visit(pathOf(url))).body)!.replace(/&amp;/g, '&'));
    const thumb = image.replace('/images/', '/thumbs/');
    const expectWorking = async () => {
      expect((await visit(pathOf(url))).statusCode).toBe(200);
      for (const path of [image, thumb, `${image}?download=1`]) expect((await visit(path)).statusCode, path).toBe(200);
    };
    const expectGone = async () => {
      const page = await visit(pathOf(url));
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('This link no longer works');
      expect(page.body).not.toContain(assetId);
      for (const path of [image, thumb, `${image}?download=1`]) expect((await visit(path)).statusCode, path).toBe(410);
    };
    await expectWorking();

    // alice signed up first: the administrator.
    expect((await send(alice, 'POST', `/api/v1/admin/users/${dave.id}/suspend`, { reason: 'Posting spam' })).statusCode).toBe(204);
    await expectGone();
    expect((await send(alice, 'POST', `/api/v1/admin/users/${dave.id}/unsuspend`)).statusCode).toBe(204);
    await expectWorking();

    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: dave.email, password: dave.password } });
    const again = { ...dave, headers: { cookie: cookieHeader(login), 'x-csrf-token': login.json().csrfToken } };
    const deletion = await send(again, 'DELETE', '/api/v1/me', { password: dave.password });
    expect(deletion.statusCode).toBe(202);
    expect(deletion.json().status).toBe('pending_deletion');
    await expectGone();
    // Signing in during the grace period cancels the deletion: the link works again.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: dave.email, password: dave.password } })).statusCode).toBe(200);
    await expectWorking();
  });

  it('deleting the account removes every share of the person', async () => {
    const carol = await signUp(t.app);
    const assetId = await upload(carol);
    await send(carol, 'POST', '/api/v1/shares', { assetId, allowDownload: false });
    const shares = t.services.personalData.erasureOrder.find((m) => m.tables.includes('shares'))!;
    await shares.eraseFor(carol.id);
    expect(await t.services.db.selectFrom('shares').select('id').where('user_id', '=', carol.id).execute()).toEqual([]);
  });
});
