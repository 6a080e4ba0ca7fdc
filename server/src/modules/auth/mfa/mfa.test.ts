import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { appForFile, cookieHeader, signUp, type TestUser } from '../../../test-support/harness.js';

const clock = new ManualClock(Date.UTC(2026, 5, 1, 9));
const { t } = appForFile({ clock, config: { workerConcurrency: 0, loginRateLimit: 3 } });

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

const codeAt = (secret: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });

/** A person with TOTP on: their secret and recovery codes. */
async function withTotp(): Promise<{ person: TestUser; secret: string; recoveryCodes: string[] }> {
  const person = await signUp(t.app);
  const enrol = await post('/me/mfa/totp', {}, person.headers);
  expect(enrol.statusCode).toBe(200);
  const { secret, otpauthUrl } = enrol.json();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Atelier:.+\?.*secret=/);
  const confirm = await post('/me/mfa/totp/confirm', { code: codeAt(secret) }, person.headers);
  expect(confirm.statusCode).toBe(200);
  clock.advance(30_000); // the next code, since a time step is accepted once only
  return { person, secret, recoveryCodes: confirm.json().recoveryCodes };
}

/** Logs in with the password: the answer and the cookie that carries the half-done login. */
async function passwordStep(person: TestUser) {
  const res = await post('/auth/login', { email: person.email, password: person.password });
  return { res, cookie: cookieHeader(res) };
}

describe('TOTP second factor', () => {
  it('keeps the secret sealed with the data key and the 10 recovery codes only as hashes', async () => {
    const { person, secret, recoveryCodes } = await withTotp();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await t.services.db.selectFrom('mfa_totp').selectAll().where('user_id', '=', person.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.secret).toString('latin1')).not.toContain(secret);
    const codes = await t.services.db.selectFrom('mfa_recovery_codes').select('id').where('user_id', '=', person.id).execute();
    expect(codes).toHaveLength(10);
    for (const c of recoveryCodes) expect(codes.map((r) => r.id)).not.toContain(c);
  });

  it('answers the password step with mfaRequired and no session, and completes with a TOTP code', async () => {
    const { person, secret } = await withTotp();
    const { res, cookie } = await passwordStep(person);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mfaRequired: true });
    expect(res.cookies.map((c) => c.name)).toEqual(['atelier_mfa']);
    expect(res.cookies[0]!.httpOnly).toBe(true);

    const wrong = await post('/auth/login/mfa', { code: '000000' }, { cookie });
    expect(wrong.statusCode).toBe(401);
    const done = await post('/auth/login/mfa', { code: codeAt(secret) }, { cookie });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe(person.email);
    const session = cookieHeader(done);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: session } })).statusCode).toBe(200);

    // The same code a second time (replay), and the spent half-done login, are refused.
    const again = await passwordStep(person);
    expect((await post('/auth/login/mfa', { code: codeAt(secret) }, { cookie: again.cookie })).statusCode).toBe(401);
    expect((await post('/auth/login/mfa', { code: codeAt(secret) }, { cookie })).statusCode).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    const { person, recoveryCodes } = await withTotp();
    const first = await passwordStep(person);
    expect((await post('/auth/login/mfa', { code: recoveryCodes[0]!.toUpperCase() }, { cookie: first.cookie })).statusCode).toBe(200);
    const second = await passwordStep(person);
    expect((await post('/auth/login/mfa', { code: recoveryCodes[0]! }, { cookie: second.cookie })).statusCode).toBe(401);
    expect((await post('/auth/login/mfa', { code: recoveryCodes[1]! }, { cookie: second.cookie })).statusCode).toBe(200);
  });

  it('limits wrong codes like passwords, and a half-done login expires', async () => {
    const { person, secret } = await withTotp();
    const { cookie } = await passwordStep(person);
    for (let i = 0; i < 3; i++) expect((await post('/auth/login/mfa', { code: '123456' }, { cookie })).statusCode).toBe(401);
    const limited = await post('/auth/login/mfa', { code: codeAt(secret) }, { cookie });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();

    clock.advance(t.services.config.loginRateWindowMs);
    const late = await passwordStep(person);
    clock.advance(5 * 60_000 + 1);
    const expired = await post('/auth/login/mfa', { code: codeAt(secret) }, { cookie: late.cookie });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/Sign in again/);
  });

  it('turns off only with the password and a code', async () => {
    const { person, secret } = await withTotp();
    expect((await post('/me/mfa/totp/disable', { password: 'not the password', code: codeAt(secret) }, person.headers)).statusCode).toBe(403);
    expect((await post('/me/mfa/totp/disable', { password: person.password, code: '000000' }, person.headers)).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me/mfa', headers: { cookie: person.cookie } })).json()).toEqual({ totp: true });
    expect((await post('/me/mfa/totp/disable', { password: person.password, code: codeAt(secret) }, person.headers)).statusCode).toBe(204);
    expect((await passwordStep(person)).res.json().user.email).toBe(person.email);
  });

  it('refuses a second factor of a suspended account with the suspension message, not a code prompt', async () => {
    const { person } = await withTotp();
    await t.services.db.updateTable('users').set({ status: 'suspended', suspension_reason: 'spam' }).where('id', '=', person.id).execute();
    const { res } = await passwordStep(person);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_SUSPENDED');
  });
});
