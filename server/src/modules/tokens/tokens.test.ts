import { describe, expect, it } from 'vitest';
import { DAY_MS, type Clock } from '../../lib/clock.js';
import { appForFile, signUp, waitForGeneration, type TestUser } from '../../test-support/harness.js';

/** Real time, moved forward by the test (expiry, last use) without stalling the job queue's leases. */
let offset = 0;
const clock: Clock = { now: () => Date.now() + offset };
const { t, people: [alice, bob] } = appForFile({ people: 2, clock });

async function createToken(user: TestUser, body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: user.headers, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; prefix: string; scopes: string[] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const listTokens = async (user: TestUser) =>
  (await t.app.inject({ url: '/api/v1/me/tokens', headers: { cookie: user.cookie } })).json().items as any[];

describe('personal API tokens', () => {
  it('are shown once, listed by prefix without the secret, and stored only as a hash', async () => {
    const made = await createToken(alice, { name: 'laptop script', scopes: ['images', 'account:read'], expiresInDays: 30 });
    expect(made.token).toMatch(/^atl_[A-Za-z0-9_-]{43}$/);
    expect(made.token.startsWith(made.prefix)).toBe(true);
    const listed = (await listTokens(alice)).find((x) => x.id === made.id);
    expect(listed).toMatchObject({ name: 'laptop script', scopes: ['images', 'account:read'], prefix: made.prefix, lastUsedAt: null });
    expect(Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)).toBe(30 * DAY_MS);
    expect(JSON.stringify(await listTokens(alice))).not.toContain(made.token);
    const rows = await t.services.db.selectFrom('api_tokens').selectAll().where('id', '=', made.id).execute();
    expect(JSON.stringify(rows)).not.toContain(made.token.slice(made.prefix.length));
  });

  it('act as their owner on /api/v1 without a CSRF token, within their scopes only', async () => {
    const { token } = await createToken(alice, { name: 'images only', scopes: ['images'] });
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: bearer(token), payload: { prompt: 'a red kite', size: '256x256' } });
    expect(started.statusCode, started.body).toBe(202);
    const g = await waitForGeneration(t.app, alice, started.json().id);
    expect(g.status).toBe('succeeded');
    const read = await t.app.inject({ url: `/api/v1/generations/${g.id}`, headers: bearer(token) });
    expect(read.json().id).toBe(g.id);

    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(me.statusCode).toBe(403);
    expect(me.json().error.message).toContain('account:read');
    const albums = await t.app.inject({ method: 'POST', url: '/api/v1/albums', headers: bearer(token), payload: { name: 'x' } });
    expect(albums.statusCode).toBe(403);
  });

  it('never reach another person\'s data', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: alice.headers, payload: { prompt: 'a blue door', size: '256x256' } });
    const g = await waitForGeneration(t.app, alice, started.json().id);
    const { token } = await createToken(bob, { name: 'bob', scopes: ['images', 'library', 'account:read'] });
    expect((await t.app.inject({ url: `/api/v1/generations/${g.id}`, headers: bearer(token) })).statusCode).toBe(404);
    const asset = g.outputs[0].asset.id;
    expect((await t.app.inject({ url: `/api/v1/assets/${asset}/content`, headers: bearer(token) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).json().id).toBe(bob.id);
  });

  it('cannot manage tokens, change the password or see sessions: those need the browser session', async () => {
    const { token } = await createToken(alice, { name: 'all grantable', scopes: ['images', 'library', 'account:read'] });
    const cases = [
      { method: 'POST' as const, url: '/api/v1/me/tokens', payload: { name: 'more', scopes: ['images'] } },
      { method: 'GET' as const, url: '/api/v1/me/tokens' },
      { method: 'GET' as const, url: '/api/v1/me/sessions' },
      { method: 'POST' as const, url: '/api/v1/me/password', payload: { currentPassword: alice.password, newPassword: 'another long password' } },
      { method: 'PATCH' as const, url: '/api/v1/me', payload: { name: 'Mallory' } },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ ...c, headers: bearer(token) });
      expect(res.statusCode, c.url).toBe(403);
    }
  });

  it('refuses scopes that are never granted', async () => {
    for (const scopes of [['account'], ['admin'], [], ['images', 'images']]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: alice.headers, payload: { name: 'x', scopes } });
      expect(res.statusCode, JSON.stringify(scopes)).toBe(400);
    }
  });

  it('answer 401 once revoked, expired, or revoked all at once; an unknown or malformed one is 401 too', async () => {
    const revoked = await createToken(alice, { name: 'short-lived', scopes: ['images'] });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${revoked.id}`, headers: alice.headers });
    expect(del.statusCode).toBe(204);
    const refused = await t.app.inject({ url: '/api/v1/generations', headers: bearer(revoked.token) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toContain('unknown, revoked or expired');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${revoked.id}`, headers: alice.headers })).statusCode).toBe(404);

    const expiring = await createToken(alice, { name: 'a day', scopes: ['images'], expiresInDays: 1 });
    expect((await t.app.inject({ url: '/api/v1/generations', headers: bearer(expiring.token) })).statusCode).toBe(200);
    offset += DAY_MS + 1;
    expect((await t.app.inject({ url: '/api/v1/generations', headers: bearer(expiring.token) })).statusCode).toBe(401);

    const [one, two] = [await createToken(bob, { name: '1', scopes: ['images'] }), await createToken(bob, { name: '2', scopes: ['library'] })];
    expect(await t.services.tokens.revokeAllFor(bob.id)).toBeGreaterThanOrEqual(2);
    for (const tk of [one, two]) expect((await t.app.inject({ url: '/api/v1/generations', headers: bearer(tk.token) })).statusCode).toBe(401);

    for (const junk of ['atl_nope', `atl_${'A'.repeat(43)}`, '']) {
      const res = await t.app.inject({ url: '/api/v1/generations', headers: { authorization: `Bearer ${junk}`, cookie: alice.cookie } });
      expect(res.statusCode, junk).toBe(401);
    }
  });

  it('stop working when the account is no longer active', async () => {
    const carol = await signUp(t.app);
    const { token } = await createToken(carol, { name: 'c', scopes: ['images'] });
    await t.services.users.changeStatus(carol.id, 'active', 'disabled', clock.now());
    expect((await t.app.inject({ url: '/api/v1/generations', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('record their last use at most once a minute', async () => {
    const { id, token } = await createToken(alice, { name: 'used', scopes: ['images'] });
    const lastUsed = async () => (await listTokens(alice)).find((x) => x.id === id).lastUsedAt as string | null;
    await t.app.inject({ url: '/api/v1/generations', headers: bearer(token) });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    offset += 30_000;
    await t.app.inject({ url: '/api/v1/generations', headers: bearer(token) });
    expect(await lastUsed()).toBe(first);
    offset += 31_000;
    await t.app.inject({ url: '/api/v1/generations', headers: bearer(token) });
    expect(Date.parse((await lastUsed())!) - Date.parse(first!)).toBeGreaterThanOrEqual(61_000);
  });

  it('leave the browser session alone: logging out with a token ends no session, the cookie keeps working', async () => {
    const { token } = await createToken(alice, { name: 'logout', scopes: ['images'] });
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...bearer(token), cookie: alice.cookie } });
    expect(out.statusCode).toBe(204);
    const sessions = await t.app.inject({ url: '/api/v1/me/sessions', headers: { cookie: alice.cookie } });
    expect(sessions.statusCode).toBe(200);
    expect(sessions.json().items.some((s: any) => s.current)).toBe(true);
    // A cookie write without its CSRF token is still refused.
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: alice.cookie }, payload: { name: 'x', scopes: ['images'] } });
    expect(noCsrf.statusCode).toBe(403);
  });
});
