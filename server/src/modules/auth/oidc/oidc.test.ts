import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { sha256Hex } from '../../../lib/ids.js';
import { createTestApp, signUp, type TestApp } from '../../../test-support/harness.js';
import { startOidcProvider, type TestOidcProvider } from '../../../test-support/oidc-provider.js';
import { ANONYMOUS_STARTS_PER_MINUTE } from '../sign-in-challenges.js';
import { CALLBACK_PATH } from './service.js';

// OpenID Connect sign-in end to end against a real provider (oidc-provider) on 127.0.0.1: the test plays the
// browser, following every redirect between Atelier (app.inject) and the provider (fetch), with a cookie jar each.
const PUBLIC_URL = 'http://atelier.test';

let provider: TestOidcProvider;
let t: TestApp;

beforeAll(async () => {
  provider = await startOidcProvider(`${PUBLIC_URL}${CALLBACK_PATH}`);
  const base = loadConfig({ ATELIER_PUBLIC_URL: PUBLIC_URL, ATELIER_LOG_LEVEL: 'silent' });
  t = await createTestApp({
    config: {
      privacy: base.privacy,
      signIn: { oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, buttonLabel: 'Sign in with Test ID' } },
    },
  });
});

afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** Cookies by origin (a browser also keys them by path; these tests need no more than this). */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookieHeader(origin: string): string {
    return [...(this.jars.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(origin: string, setCookies: string[]): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) jar.delete(pair.slice(0, eq).trim());
      else jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.jars.set(origin, jar);
  }

  /** One request, as the browser makes it: to Atelier through inject, to the provider over HTTP. */
  async get(url: string): Promise<{ status: number; location?: string }> {
    const target = new URL(url);
    const cookie = this.cookieHeader(target.origin);
    if (target.origin === PUBLIC_URL) {
      const res = await t.app.inject({ url: target.pathname + target.search, headers: cookie ? { cookie } : {} });
      const set = res.headers['set-cookie'];
      this.keep(target.origin, set === undefined ? [] : Array.isArray(set) ? set : [set]);
      return { status: res.statusCode, location: res.headers.location as string | undefined };
    }
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    this.keep(target.origin, res.headers.getSetCookie());
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') ?? undefined };
  }

  /**
   * Follows redirects from `url` until Atelier answers without one or sends the browser to its own pages;
   * `beforeCallback` may change the URL the provider sends the browser back to. Answers where the browser ended.
   */
  async follow(url: string, beforeCallback: (callback: URL) => URL = (u) => u): Promise<string> {
    let next = new URL(url);
    for (let hops = 0; hops < 20; hops++) {
      if (next.origin === PUBLIC_URL && next.pathname === CALLBACK_PATH) next = beforeCallback(next);
      const res = await this.get(next.href);
      if (res.location === undefined) throw new Error(`${next.href} answered ${res.status} without a redirect`);
      const to = new URL(res.location, next);
      if (to.origin === PUBLIC_URL && !to.pathname.startsWith('/api/')) return to.pathname + to.search;
      next = to;
    }
    throw new Error('too many redirects');
  }

  signIn(beforeCallback?: (callback: URL) => URL): Promise<string> {
    return this.follow(`${PUBLIC_URL}/api/v1/auth/oidc/start`, beforeCallback);
  }

  async me(): Promise<{ status: number; body: { id: string; email: string; name: string } }> {
    const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie: this.cookieHeader(PUBLIC_URL) } });
    return { status: res.statusCode, body: res.json() };
  }
}

let n = 0;
const unique = (label: string) => `${label}-${++n}-${Date.now()}`;

describe('OpenID Connect sign-in against a real provider', () => {
  it('tells the login screen that it is on, and with which label', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/oidc' });
    expect(res.json()).toEqual({ enabled: true, buttonLabel: 'Sign in with Test ID' });
  });

  it('sends the browser to the provider with PKCE (S256), a state and a nonce, and keeps the state in an httpOnly cookie', async () => {
    const res = await t.app.inject({ url: '/api/v1/auth/oidc/start' });
    expect(res.statusCode).toBe(302);
    const to = new URL(res.headers.location as string);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('nonce')).toBeTruthy();
    const state = to.searchParams.get('state');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`atelier_oidc_state=${state}`);
    expect(cookie).toMatch(/HttpOnly/i);
    // Kept server-side under the state's hash, its PKCE verifier and nonce sealed with a key only the state gives.
    const row = await t.services.db.selectFrom('sign_in_challenges').select(['purpose', 'data']).where('id', '=', sha256Hex(state!)).executeTakeFirst();
    expect(row?.purpose).toBe('oidc');
    expect(row?.data).not.toMatch(/codeVerifier|nonce/);
  });

  it('creates an account for a new verified email and signs the person in; the next sign-in finds it by subject', async () => {
    const sub = unique('new');
    const email = `${sub}@example.test`;
    provider.signInAs({ sub, email, email_verified: true, name: 'Ada Provider' });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/');
    const me = await browser.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, name: 'Ada Provider' });
    const audit = await t.services.db.selectFrom('audit_events').select(['type', 'detail']).where('user_id', '=', me.body.id).orderBy('id').execute();
    expect(audit).toEqual([{ type: 'auth.signup', detail: 'oidc' }, { type: 'auth.login', detail: 'oidc' }]);
    // The person agreed to the policy in force by signing up through the provider, as with a password.
    const agreed = await t.services.db.selectFrom('policy_acknowledgements').select('version').where('user_id', '=', me.body.id).execute();
    expect(agreed).toEqual([{ version: t.services.config.privacy.policyVersion }]);

    // The provider's email changes later: the identity, linked by subject, still leads to the same account.
    provider.signInAs({ sub, email: `changed-${email}`, email_verified: true });
    const again = new Browser();
    expect(await again.signIn()).toBe('/');
    expect((await again.me()).body.id).toBe(me.body.id);
  });

  it('links an existing account by its verified email, and the link is part of the person\'s data', async () => {
    const person = await signUp(t.app, `${unique('existing')}@example.test`);
    const sub = unique('existing-sub');
    provider.signInAs({ sub, email: person.email.toUpperCase(), email_verified: true });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/');
    expect((await browser.me()).body.id).toBe(person.id);

    const linked = t.services.personalData.exportOrder.find((m) => m.tables.includes('linked_identities'));
    const entries = [];
    for await (const entry of linked?.exportFor?.(person.id) ?? []) entries.push(entry);
    expect(entries).toEqual([{ path: 'linked-identities.json', json: [expect.objectContaining({ issuer: provider.issuer, subject: sub, email: person.email })] }]);
  });

  it('asks for the second factor of an account with two-step sign-in on, as a password login does, before any session', async () => {
    const person = await signUp(t.app, `${unique('two-step')}@example.test`);
    const enrol = await t.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp', headers: person.headers });
    const code = new TOTP({ secret: Secret.fromBase32(enrol.json().secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp/confirm', headers: person.headers, payload: { code } });
    const [recoveryCode] = confirmed.json().recoveryCodes as string[];
    provider.signInAs({ sub: unique('two-step-sub'), email: person.email, email_verified: true });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/login?mfa=1');
    expect(browser.cookieHeader(PUBLIC_URL)).not.toContain('atelier_session');
    expect((await browser.me()).status).toBe(401);
    const second = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login/mfa', headers: { cookie: browser.cookieHeader(PUBLIC_URL) }, payload });
    expect((await second({ code: 'aaaa-bbbb-cccc' })).json().error.code).toBe('INVALID_CODE');
    const done = await second({ code: recoveryCode });
    expect(done.statusCode).toBe(200);
    browser.keep(PUBLIC_URL, done.cookies.map((c) => `${c.name}=${c.value}`));
    expect((await browser.me()).body.id).toBe(person.id);
    const audit = await t.services.db.selectFrom('audit_events').select(['type', 'detail']).where('user_id', '=', person.id)
      .where('type', 'in', ['auth.login_mfa_pending', 'auth.login']).orderBy('id').execute();
    expect(audit).toEqual([{ type: 'auth.login_mfa_pending', detail: 'oidc' }, { type: 'auth.login', detail: 'oidc+totp' }]);
  });

  it('withdraws a pending deletion as a password login does, and says so to the studio', async () => {
    const person = await signUp(t.app, `${unique('leaving')}@example.test`);
    const deletion = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: person.headers, payload: { password: person.password } });
    expect(deletion.statusCode).toBe(202);
    provider.signInAs({ sub: unique('leaving-sub'), email: person.email, email_verified: true });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/?deletionCanceled=1');
    expect((await browser.me()).body.id).toBe(person.id);
    expect((await t.services.users.findById(person.id))?.status).toBe('active');
  });

  it('sends a suspended person back to the login screen with the reason, clearing the sign-in\'s state, and starts no session', async () => {
    const person = await signUp(t.app, `${unique('suspended')}@example.test`);
    expect(await t.services.accounts.admin.suspendAccount(person.id, 'spam', 'admin')).toBe(true);
    provider.signInAs({ sub: unique('suspended-sub'), email: person.email, email_verified: true });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/login?ssoError=account_suspended');
    expect(browser.cookieHeader(PUBLIC_URL)).not.toMatch(/atelier_oidc_state|atelier_session/);
    expect((await browser.me()).status).toBe(401);
  });

  it('refuses an email the provider has not verified, with a reason the studio shows, and creates nothing', async () => {
    const sub = unique('unverified');
    const email = `${sub}@example.test`;
    provider.signInAs({ sub, email, email_verified: false });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/login?ssoError=email_unverified');
    expect((await browser.me()).status).toBe(401);
    expect(await t.services.users.findByEmail(email)).toBeUndefined();
  });

  it('does not link an existing account through an unverified email', async () => {
    const person = await signUp(t.app, `${unique('victim')}@example.test`);
    provider.signInAs({ sub: unique('attacker'), email: person.email, email_verified: false });
    const browser = new Browser();
    expect(await browser.signIn()).toBe('/login?ssoError=email_unverified');
    expect((await browser.me()).status).toBe(401);
    expect(await t.services.db.selectFrom('linked_identities').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const sub = unique('state');
    provider.signInAs({ sub, email: `${sub}@example.test`, email_verified: true });
    const browser = new Browser();
    const landed = await browser.signIn((callback) => {
      const forged = new URL(callback);
      forged.searchParams.set('state', 'a-state-of-another-sign-in');
      return forged;
    });
    expect(landed).toBe('/login?ssoError=state_mismatch');
    expect((await browser.me()).status).toBe(401);
    expect(await t.services.users.findByEmail(`${sub}@example.test`)).toBeUndefined();
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF), and a callback used twice', async () => {
    const sub = unique('csrf');
    provider.signInAs({ sub, email: `${sub}@example.test`, email_verified: true });
    const victim = new Browser();
    let callback: URL | undefined;
    const landed = await new Browser().signIn((url) => {
      callback = url;
      return url;
    });
    expect(landed).toBe('/');
    const res = await victim.follow(callback!.href);
    expect(res).toBe('/login?ssoError=state_mismatch');
    expect((await victim.me()).status).toBe(401);

    // The same callback again, with the state cookie the first browser had: the state was single use.
    const replay = new Browser();
    replay.keep(PUBLIC_URL, [`atelier_oidc_state=${callback!.searchParams.get('state')}`]);
    expect(await replay.follow(callback!.href)).toBe('/login?ssoError=expired');
    expect((await replay.me()).status).toBe(401);
  });
});

describe('OpenID Connect sign-in starts', () => {
  it('are bounded per client address, and a refused start says why on the login screen', async () => {
    const start = () => t.app.inject({ url: '/api/v1/auth/oidc/start', remoteAddress: '198.51.100.4' });
    for (let i = 0; i < ANONYMOUS_STARTS_PER_MINUTE; i++) expect((await start()).headers.location).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect((await start()).headers.location).toBe('/login?ssoError=rate_limited');
  });
});

describe('OpenID Connect sign-in when not configured', () => {
  it('says it is off and has no start', async () => {
    const plain = await createTestApp();
    try {
      expect((await plain.app.inject({ url: '/api/v1/auth/oidc' })).json()).toEqual({ enabled: false, buttonLabel: null });
      expect((await plain.app.inject({ url: '/api/v1/auth/oidc/start' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('OpenID Connect sign-in with its provider down', () => {
  it('sends the browser back to the login screen with a reason instead of an error page', async () => {
    const down = await createTestApp({
      config: { signIn: { oidc: { issuer: 'http://127.0.0.1:9/', clientId: 'atelier', clientSecret: 'secret', buttonLabel: 'SSO' } } },
    });
    try {
      const res = await down.app.inject({ url: '/api/v1/auth/oidc/start' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/login?ssoError=provider_unreachable');
    } finally {
      await down.close();
    }
  });
});
