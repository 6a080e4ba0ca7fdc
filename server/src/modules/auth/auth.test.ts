import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, createTestApp, signUp, type TestApp } from '../../test-support/harness.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { loginRateLimit: 3, workerConcurrency: 0 } });
});
afterAll(() => t.close());

const inject = (opts: InjectOptions) => t.app.inject(opts);

describe('accounts', () => {
  it('signs up, makes the first account admin and the next a user, with httpOnly SameSite session cookies', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'First@Example.test', password: 'a long password', name: 'First' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email: 'first@example.test', name: 'First', role: 'admin' });
    const session = res.cookies.find((c) => c.name === 'atelier_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const csrf = res.cookies.find((c) => c.name === 'atelier_csrf')!;
    expect(csrf.value).toBe(body.csrfToken);
    const second = await signUp(t.app);
    const me = await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: second.cookie } });
    expect(me.json().role).toBe('user');
  });

  it('stores passwords as argon2id, never in plain text', async () => {
    const u = await signUp(t.app, 'hash@example.test', 'my secret passphrase');
    const row = await t.services.db.selectFrom('users').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain('my secret passphrase');
  });

  it('refuses a short password and a malformed email with clear 4xx errors', async () => {
    const short = await inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'short@example.test', password: 'short', name: 'X' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/10 characters/);
    const bad = await inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'not-an-email', password: 'a long password', name: 'X' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'email' } });
    const missing = await inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'x@example.test' } });
    expect(missing.json().error.message).toMatch(/password is required/);
  });

  it('logs in with a fresh session id (rotation) and logs out', async () => {
    const u = await signUp(t.app, 'rotate@example.test');
    const login = await inject({ method: 'POST', url: '/api/v1/auth/login', headers: u.headers, payload: { email: u.email, password: u.password } });
    expect(login.statusCode).toBe(200);
    const newCookie = cookieHeader(login);
    expect(newCookie).not.toBe(u.cookie);
    // The pre-login session is gone.
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: u.cookie } })).statusCode).toBe(401);
    const csrf = login.json().csrfToken;
    const out = await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: newCookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    // Images are cached as immutable: signing out drops them from this browser's cache.
    expect(out.headers['clear-site-data']).toBe('"cache"');
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: newCookie } })).statusCode).toBe(401);
  });

  it('rejects a wrong password without saying which part was wrong', async () => {
    const u = await signUp(t.app, 'wrong@example.test');
    const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: 'not the password' } });
    const unknown = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'whatever it is' } });
    expect(res.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(res.json().error.message).toBe(unknown.json().error.message);
  });

  it('rate-limits failed logins per account and client with 429 and Retry-After, leaving the owner elsewhere free', async () => {
    const u = await signUp(t.app, 'limited@example.test');
    for (let i = 0; i < 3; i++) {
      const r = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.0.1', payload: { email: u.email, password: 'wrong password' } });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.0.1', payload: { email: u.email, password: u.password } });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const owner = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.1', payload: { email: u.email, password: u.password } });
    expect(owner.statusCode).toBe(200);
  });

  it('rate-limits failed logins per IP across accounts', async () => {
    for (let i = 0; i < 9; i++) {
      await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.7.7.7', payload: { email: `spray${i}@example.test`, password: 'guess guess' } });
    }
    const r = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.7.7.7', payload: { email: 'spray99@example.test', password: 'guess guess' } });
    expect(r.statusCode).toBe(429);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const u = await signUp(t.app);
    const noHeader = await inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: u.cookie }, payload: { name: 'New' } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('CSRF_FAILED');
    const wrong = await inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: u.cookie, 'x-csrf-token': 'forged' }, payload: { name: 'New' } });
    expect(wrong.statusCode).toBe(403);
    const ok = await inject({ method: 'PATCH', url: '/api/v1/me', headers: u.headers, payload: { name: 'New Name' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('New Name');
  });

  it('changes email only with the current password', async () => {
    const u = await signUp(t.app);
    const without = await inject({ method: 'PATCH', url: '/api/v1/me', headers: u.headers, payload: { email: 'moved@example.test' } });
    expect(without.statusCode).toBe(401);
    const withPw = await inject({ method: 'PATCH', url: '/api/v1/me', headers: u.headers, payload: { email: 'moved@example.test', currentPassword: u.password } });
    expect(withPw.statusCode).toBe(200);
    expect(withPw.json().email).toBe('moved@example.test');
  });

  it('changing the password revokes every other session but keeps the current one', async () => {
    const u = await signUp(t.app);
    const other = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: u.password } });
    const otherCookie = cookieHeader(other);
    const list = await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: u.cookie } });
    expect(list.json().items).toHaveLength(2);
    const res = await inject({ method: 'POST', url: '/api/v1/me/password', headers: u.headers, payload: { currentPassword: u.password, newPassword: 'a brand new password' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedSessions).toBe(1);
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: u.cookie } })).statusCode).toBe(200);
    const relog = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: 'a brand new password' } });
    expect(relog.statusCode).toBe(200);
  });

  it('lists sessions with coarse device and truncated IP, and revokes one', async () => {
    const u = await signUp(t.app);
    const other = await inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.77',
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1' },
      payload: { email: u.email, password: u.password },
    });
    const list = (await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie: u.cookie } })).json().items;
    const phone = list.find((s: any) => !s.current);
    expect(phone.ip).toBe('203.0.113.0/24');
    expect(phone.device).toBe('Safari on iOS (mobile)');
    const del = await inject({ method: 'DELETE', url: `/api/v1/me/sessions/${phone.id}`, headers: u.headers });
    expect(del.statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookieHeader(other) } })).statusCode).toBe(401);
  });

  it('resolves a session to the account as it is now, and refuses it once the account is disabled or the session expired', async () => {
    const u = await signUp(t.app);
    await t.services.db.updateTable('users').set({ name: 'Renamed Meanwhile' }).where('id', '=', u.id).execute();
    const me = await inject({ method: 'GET', url: '/api/v1/me', headers: u.headers });
    expect(me.json()).toMatchObject({ id: u.id, name: 'Renamed Meanwhile', email: u.email });

    await t.services.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', u.id).execute();
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: u.headers })).statusCode).toBe(401);

    const v = await signUp(t.app);
    await t.services.db.updateTable('sessions').set({ expires_at: 1 }).where('user_id', '=', v.id).execute();
    expect((await inject({ method: 'GET', url: '/api/v1/me', headers: v.headers })).statusCode).toBe(401);
    const left = await t.services.db.selectFrom('sessions').select('id').where('user_id', '=', v.id).execute();
    expect(left).toEqual([]);
  });

  it('answers 401 without a session and 404 JSON for unknown routes', async () => {
    expect((await inject({ method: 'GET', url: '/api/v1/me' })).json().error.code).toBe('UNAUTHENTICATED');
    const nf = await inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().error.code).toBe('NOT_FOUND');
  });

  it('answers a malformed JSON body with a 400 that says so', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/not valid JSON/);
  });
});
