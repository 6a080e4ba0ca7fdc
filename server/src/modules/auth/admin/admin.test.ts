import { describe, expect, it } from 'vitest';
import { appForFile, signUp, signUpInvited, type TestUser } from '../../../test-support/harness.js';
import { mailsTo } from '../test-mail.js';

// No workers: generations stay queued, so a suspension has work to cancel.
const { t, people: [admin, alice, bob] } = appForFile({ people: 3, config: { workerConcurrency: 0 } });

const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1/admin${url}`, headers: method === 'GET' ? { cookie: admin.cookie } : admin.headers, payload });

const me = (user: TestUser) => t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } });

describe('admin console', () => {
  it('is for administrators only', async () => {
    const res = await t.app.inject({ url: '/api/v1/admin/users', headers: { cookie: alice.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${bob.id}/suspend`, headers: alice.headers, payload: { reason: 'x' } })).statusCode).toBe(403);
  });

  it('lists and searches accounts with their activity and library, page by page', async () => {
    const all = (await asAdmin('GET', '/users')).json();
    expect(all.items.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([admin.id, alice.id, bob.id]));
    const row = all.items.find((u: { id: string }) => u.id === alice.id);
    // Without a plans file nothing is limited: no plan.
    expect(row).toMatchObject({ email: alice.email, role: 'user', status: 'active', images: 0, storageBytes: 0, emailVerified: true, mfa: false, plan: null });
    expect(row.lastActive).toEqual(expect.any(String));
    const found = (await asAdmin('GET', `/users?q=${encodeURIComponent(alice.email.slice(0, 12).toUpperCase())}`)).json();
    expect(found.items.map((u: { id: string }) => u.id)).toEqual([alice.id]);
    const first = (await asAdmin('GET', '/users?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const next = (await asAdmin('GET', `/users?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((u: { id: string }) => u.id)).not.toContain(first.items[0].id);
  });

  it('counts API token use as activity: a person who signed out and works through a token is still "last active"', async () => {
    const carol = await signUp(t.app);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: carol.headers, payload: { name: 'script', scopes: ['account:read'] } })).json().token;
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: carol.headers })).statusCode).toBeLessThan(300);
    const lastActive = async () => (await asAdmin('GET', `/users?q=${encodeURIComponent(carol.email)}`)).json().items[0].lastActive;
    expect(await lastActive()).toBeNull();
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect(await lastActive()).toEqual(expect.any(String));
  });

  it('suspends at once: sessions refused, queued work canceled, login says so; unsuspends', async () => {
    const person = await signUp(t.app);
    const g = (await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers, payload: { prompt: 'a lighthouse' } })).json();
    expect(g.status).toBe('queued');

    expect((await asAdmin('POST', `/users/${person.id}/suspend`, { reason: 'Posting spam' })).statusCode).toBe(204);
    expect((await me(person)).statusCode).toBe(401);
    const generation = await t.services.db.selectFrom('generations').select('status').where('id', '=', g.id).executeTakeFirstOrThrow();
    expect(generation.status).toBe('canceled');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: person.password } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error).toMatchObject({ code: 'ACCOUNT_SUSPENDED', message: expect.stringMatching(/suspended.*Posting spam/) });
    // A wrong password learns nothing about the suspension.
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: 'not it at all' } });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');

    expect((await asAdmin('POST', `/users/${person.id}/unsuspend`)).statusCode).toBe(204);
    const back = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: person.password } });
    expect(back.statusCode).toBe(200);
  });

  it('refuses to suspend oneself or demote the last administrator', async () => {
    expect((await asAdmin('POST', `/users/${admin.id}/suspend`, { reason: 'oops' })).statusCode).toBe(409);
    const demote = await asAdmin('PATCH', `/users/${admin.id}`, { role: 'user' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/only administrator/);
  });

  it('changes roles', async () => {
    expect((await asAdmin('PATCH', `/users/${bob.id}`, { role: 'admin' })).statusCode).toBe(204);
    expect((await me(bob)).json().role).toBe('admin');
    expect((await asAdmin('PATCH', `/users/${bob.id}`, { role: 'user' })).statusCode).toBe(204);
    expect((await me(bob)).json().role).toBe('user');
  });

  it('resends the verification email (to an invited account: the address of an open sign-up is verified by its link)', async () => {
    const invited = await signUpInvited(t);
    expect((await asAdmin('POST', `/users/${invited.id}/verification`)).statusCode).toBe(204);
    expect(await mailsTo(t, invited.email, 'account.verify_email')).toHaveLength(2);
    expect((await asAdmin('POST', `/users/${alice.id}/verification`)).json().error.code).toBe('INVALID_STATE');
  });

  it('deletes on request through the purge, recorded as a deletion, leaving the tombstone', async () => {
    const person = await signUp(t.app);
    expect((await asAdmin('POST', `/users/${person.id}/deletion`)).statusCode).toBe(204);
    expect(await t.services.users.findById(person.id)).toBeUndefined();
    const tombstone = await t.services.db.selectFrom('deletion_tombstones').selectAll().where('user_id', '=', person.id).executeTakeFirst();
    expect(tombstone).toBeDefined();
    expect((await me(person)).statusCode).toBe(401);
  });

  it('writes every action to an audit log that administrators read, newest first', async () => {
    const log = (await asAdmin('GET', '/audit')).json();
    const actions = log.items.map((e: { action: string }) => e.action);
    for (const a of ['admin.user_suspended', 'admin.user_unsuspended', 'admin.role_changed', 'admin.verification_resent', 'admin.user_deleted']) {
      expect(actions).toContain(a);
    }
    const suspended = log.items.find((e: { action: string }) => e.action === 'admin.user_suspended');
    expect(suspended).toMatchObject({ actorId: admin.id, actorEmail: admin.email, detail: { reason: 'Posting spam' } });
    expect(log.items.map((e: { id: number }) => e.id)).toEqual([...log.items.map((e: { id: number }) => e.id)].sort((a, b) => b - a));
    expect((await t.app.inject({ url: '/api/v1/admin/audit', headers: { cookie: alice.cookie } })).statusCode).toBe(403);
  });
});
