import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { cookieHeader, createTestApp, signUp, type TestApp, type TestUser } from '../../../test-support/harness.js';
import { SoftAuthenticator } from '../../../test-support/soft-authenticator.js';
import { ANONYMOUS_STARTS_PER_MINUTE } from '../sign-in-challenges.js';

// Passkeys through the API, answered by a software authenticator (the studio test uses Chromium's virtual one).
const ORIGIN = 'https://atelier.test';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { privacy: loadConfig({ ATELIER_PUBLIC_URL: ORIGIN }).privacy } });
});
afterAll(() => t?.close());

const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

async function addPasskey(person: TestUser, name: string, authenticator = new SoftAuthenticator(ORIGIN)) {
  const options = (await post('/me/passkeys/options', undefined, person.headers)).json();
  const res = await post('/me/passkeys', { name, credential: authenticator.register(options) }, person.headers);
  return { res, authenticator };
}

async function passkeyLogin(authenticator: SoftAuthenticator, origin?: string) {
  const options = (await post('/auth/passkey/options')).json();
  const credential = authenticator.authenticate(options, origin);
  return { res: await post('/auth/passkey/login', { credential }), credential };
}

const listOf = async (person: TestUser) =>
  (await t.app.inject({ url: '/api/v1/me/passkeys', headers: { cookie: person.cookie } })).json().items as { id: string; name: string }[];

describe('passkeys', () => {
  it('a person registers several passkeys (discoverable, user verification required), names and removes them', async () => {
    const person = await signUp(t.app);
    const options = (await post('/me/passkeys/options', undefined, person.headers)).json();
    expect(options.rp).toEqual({ id: 'atelier.test', name: 'Atelier' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });

    const first = await addPasskey(person, 'Laptop');
    expect(first.res.statusCode).toBe(201);
    expect(first.res.json()).toMatchObject({ name: 'Laptop', backedUp: false, lastUsedAt: null });
    const second = await addPasskey(person, 'Phone');
    expect(second.res.statusCode).toBe(201);
    expect((await listOf(person)).map((p) => p.name)).toEqual(['Laptop', 'Phone']);

    // A registered passkey is excluded from the next registration, so an authenticator does not enrol twice.
    const next = (await post('/me/passkeys/options', undefined, person.headers)).json();
    expect(next.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([first.authenticator.credentialId, second.authenticator.credentialId]);

    const [laptop, phone] = await listOf(person);
    const rename = await t.app.inject({ method: 'PATCH', url: `/api/v1/me/passkeys/${laptop.id}`, headers: person.headers, payload: { name: 'Work laptop' } });
    expect(rename.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/${phone.id}`, headers: person.headers })).statusCode).toBe(204);
    expect((await listOf(person)).map((p) => p.name)).toEqual(['Work laptop']);
    // The removed passkey no longer signs anyone in.
    expect((await passkeyLogin(second.authenticator)).res.statusCode).toBe(401);
  });

  it('nobody renames or removes another person\'s passkey', async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    await addPasskey(owner, 'Mine');
    const [mine] = await listOf(owner);
    const rename = await t.app.inject({ method: 'PATCH', url: `/api/v1/me/passkeys/${mine.id}`, headers: other.headers, payload: { name: 'Stolen' } });
    expect(rename.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/passkeys/${mine.id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await listOf(owner)).map((p) => p.name)).toEqual(['Mine']);
    expect((await t.app.inject({ url: '/api/v1/me/passkeys' })).statusCode).toBe(401);
  });

  it('signs in with a passkey instead of a password, through the same session path as a password login', async () => {
    const person = await signUp(t.app);
    const { authenticator } = await addPasskey(person, 'Laptop');
    const { res, credential } = await passkeyLogin(authenticator);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: person.id, email: person.email });
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieHeader(res) } });
    expect(me.json().id).toBe(person.id);
    const audit = await t.services.db.selectFrom('audit_events').select(['type', 'detail']).where('user_id', '=', person.id)
      .where('type', '=', 'auth.login').execute();
    expect(audit).toEqual([{ type: 'auth.login', detail: 'passkey' }]);
    expect((await listOf(person))[0]).toMatchObject({ lastUsedAt: expect.any(String) });

    // The same answer again: its challenge was single use.
    const replay = await post('/auth/passkey/login', { credential });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.message).toMatch(/expired or was already used/);
  });

  it('refuses an expired challenge, an answer made for another site, and a passkey it does not know', async () => {
    const person = await signUp(t.app);
    const { authenticator } = await addPasskey(person, 'Laptop');

    const options = (await post('/auth/passkey/options')).json();
    await t.services.db.updateTable('sign_in_challenges').set({ expires_at: 0 }).execute();
    expect((await post('/auth/passkey/login', { credential: authenticator.authenticate(options) })).statusCode).toBe(409);

    const phished = await passkeyLogin(authenticator, 'https://atelier-login.example');
    expect(phished.res.statusCode).toBe(401);
    expect(phished.res.json().error.message).toMatch(/could not be verified for this site/);

    const unknown = await passkeyLogin(new SoftAuthenticator(ORIGIN));
    expect(unknown.res.statusCode).toBe(401);
    expect(unknown.res.json().error.message).toMatch(/not registered/);
  });

  it('refuses a passkey registered without user verification, and a registration answering another person\'s challenge', async () => {
    const person = await signUp(t.app);
    const { res } = await addPasskey(person, 'No PIN', new SoftAuthenticator(ORIGIN, { userVerified: false }));
    expect(res.statusCode).toBe(401);

    const other = await signUp(t.app);
    const theirs = (await post('/me/passkeys/options', undefined, other.headers)).json();
    const answer = await post('/me/passkeys', { name: 'Sneaky', credential: new SoftAuthenticator(ORIGIN).register(theirs) }, person.headers);
    expect(answer.statusCode).toBe(409);
    expect(await listOf(person)).toEqual([]);
    expect(await listOf(other)).toEqual([]);
  });

  it('a disabled account does not sign in with its passkey', async () => {
    const person = await signUp(t.app);
    const { authenticator } = await addPasskey(person, 'Laptop');
    await t.services.users.update(person.id, { status: 'disabled' });
    const { res } = await passkeyLogin(authenticator);
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('bounds the sign-in ceremonies one client address starts without being signed in', async () => {
    const from = (remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/passkey/options', remoteAddress });
    for (let i = 0; i < ANONYMOUS_STARTS_PER_MINUTE; i++) expect((await from('203.0.113.7')).statusCode).toBe(200);
    const refused = await from('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('192.0.2.8')).statusCode).toBe(200); // another network
  });
});
