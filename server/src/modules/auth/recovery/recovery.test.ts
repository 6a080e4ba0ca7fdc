import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { appForFile, cookieHeader, signUp, signUpInvited } from '../../../test-support/harness.js';
import { linkToken, mailsTo } from '../test-mail.js';

const clock = new ManualClock(Date.UTC(2026, 5, 1, 9));
const { t } = appForFile({ clock, config: { workerConcurrency: 0 } });

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

describe('password reset', () => {
  it('answers 202 with the same body whether or not the address has an account, and emails only the owner', async () => {
    const owner = await signUp(t.app);
    const known = await post('/auth/password-reset', { email: owner.email.toUpperCase() });
    const unknown = await post('/auth/password-reset', { email: 'nobody-here@example.test' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(await mailsTo(t, owner.email, 'security.password_reset')).toHaveLength(1);
    expect(await mailsTo(t, 'nobody-here@example.test')).toHaveLength(0);
  });

  it('stores only the hash of the link token', async () => {
    const owner = await signUp(t.app);
    await post('/auth/password-reset', { email: owner.email });
    const token = await linkToken(t, owner.email, 'reset');
    const rows = await t.services.db.selectFrom('account_tokens').select('id').where('user_id', '=', owner.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it('sets the new password once, signs out every session, and sends the essential "password changed" email', async () => {
    const owner = await signUp(t.app);
    const second = await post('/auth/login', { email: owner.email, password: owner.password });
    await post('/auth/password-reset', { email: owner.email });
    const token = await linkToken(t, owner.email, 'reset');

    const weak = await post('/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400); // a weak password does not spend the link
    const ok = await post('/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(ok.statusCode).toBe(200);

    for (const cookie of [owner.cookie, cookieHeader(second)]) {
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await post('/auth/login', { email: owner.email, password: owner.password })).statusCode).toBe(401);
    expect((await post('/auth/login', { email: owner.email, password: 'a brand new passphrase' })).statusCode).toBe(200);
    const [changed] = await mailsTo(t, owner.email, 'security.password_changed');
    expect(changed?.essential).toBe(true);

    const again = await post('/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('INVALID_TOKEN');
  });

  it('revokes the account\'s API tokens too', async () => {
    const owner = await signUp(t.app);
    const created = await post('/me/tokens', { name: 'script', scopes: ['images'] }, owner.headers);
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await t.app.inject({ url: '/api/v1/generations', headers: bearer })).statusCode).toBe(200);
    await post('/auth/password-reset', { email: owner.email });
    await post('/auth/password-reset/confirm', { token: await linkToken(t, owner.email, 'reset'), password: 'a brand new passphrase' });
    expect((await t.app.inject({ url: '/api/v1/generations', headers: bearer })).statusCode).toBe(401);
  });

  it('refuses a link older than 30 minutes', async () => {
    const owner = await signUp(t.app);
    await post('/auth/password-reset', { email: owner.email });
    const token = await linkToken(t, owner.email, 'reset');
    clock.advance(30 * 60_000 + 1);
    const res = await post('/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Ask for a new one/);
    // The daily maintenance removes expired links.
    expect(await t.services.accounts.deleteExpired()).toBeGreaterThan(0);
    const left = await t.services.db.selectFrom('account_tokens').select('id').where('user_id', '=', owner.id).where('purpose', '=', 'password_reset').execute();
    expect(left).toEqual([]);
  });
});

describe('email verification', () => {
  it('sends a link at an invited sign-up that marks the address verified, once', async () => {
    const person = await signUpInvited(t);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: person.cookie } })).json().emailVerified).toBe(false);
    const token = await linkToken(t, person.email, 'verify');
    expect((await post('/auth/verify', { token })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: person.cookie } })).json().emailVerified).toBe(true);
    expect((await post('/auth/verify', { token })).statusCode).toBe(400);
  });

  it('asks again for a changed address, and a link to the old address no longer works', async () => {
    const person = await signUpInvited(t);
    const oldLink = await linkToken(t, person.email, 'verify');
    const moved = `moved-${person.email}`;
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { email: moved, currentPassword: person.password } });
    expect(patch.json().emailVerified).toBe(false);
    expect((await post('/auth/verify', { token: oldLink })).statusCode).toBe(400);
    expect((await post('/auth/verify', { token: await linkToken(t, moved, 'verify') })).statusCode).toBe(200);
  });

  it('sends the link again on request', async () => {
    const person = await signUpInvited(t);
    expect((await post('/me/verification', {}, person.headers)).statusCode).toBe(204);
    expect(await mailsTo(t, person.email, 'account.verify_email')).toHaveLength(2);
  });
});
