import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../config.js';
import type { AccountsConfig } from '../accounts-config.js';
import { ManualClock } from '../../../lib/clock.js';
import { sha256Hex } from '../../../lib/ids.js';
import { cookieHeader, createTestApp, signUp, type TestApp } from '../../../test-support/harness.js';
import { signupLinkToken } from '../../../test-support/signup.js';
import { mailsTo } from '../test-mail.js';
import { SIGNUP_LINK_VALID_HOURS } from './pending-signups.js';

const base = testConfig('unused').accounts;

async function withApp(accounts: Partial<AccountsConfig>, run: (t: TestApp) => Promise<void>, clock?: ManualClock) {
  const t = await createTestApp({ clock, config: { workerConcurrency: 0, accounts: { ...base, ...accounts } } });
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

const signup = (t: TestApp, email: string, extra: object = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password: 'a long password', name: 'Someone', ...extra } });

describe('sign-up', () => {
  it('answers a taken address exactly as a new one, without a session, and emails each address what fits it', async () => {
    await withApp({}, async (t) => {
      const owner = await signUp(t.app, 'owner@example.test');
      const fresh = await signup(t, 'fresh@example.test');
      const taken = await signup(t, 'OWNER@example.test');
      expect(fresh.statusCode).toBe(202);
      expect(taken.statusCode).toBe(202);
      expect(taken.json()).toEqual(fresh.json());
      expect(fresh.json()).toMatchObject({ pending: true, message: expect.stringMatching(/Check your email/) });
      expect([...fresh.cookies, ...taken.cookies]).toEqual([]);
      expect(await mailsTo(t, owner.email, 'security.signup_attempt')).toHaveLength(1);
      expect(await mailsTo(t, owner.email, 'account.signup_link')).toHaveLength(0);
      expect(await mailsTo(t, 'fresh@example.test', 'account.signup_link')).toHaveLength(1);
      // Nothing is made for either address until a link is followed; the owner's account is untouched.
      const rows = await t.services.db.selectFrom('users').select(['id', 'email']).orderBy('email').execute();
      expect(rows).toEqual([{ id: owner.id, email: 'owner@example.test' }]);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: owner.cookie } })).statusCode).toBe(200);
    });
  });

  it('makes the account when the emailed link is followed with the password chosen, once, with the address verified', async () => {
    await withApp({}, async (t) => {
      await signUp(t.app, 'admin@example.test');
      expect((await signup(t, 'new@example.test')).statusCode).toBe(202);
      const token = await signupLinkToken(t.services, 'new@example.test');
      const stored = await t.services.db.selectFrom('pending_signups').selectAll().execute();
      expect(stored.map((r) => r.id)).toEqual([sha256Hex(token)]);
      const confirm = (password: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password } });
      // A link from someone else's sign-up with this address is of no use without the password they chose.
      const wrong = await confirm('somebody else typed this');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'password' } });
      const made = await confirm('a long password');
      expect(made.statusCode).toBe(201);
      expect(made.json().user).toMatchObject({ email: 'new@example.test', role: 'user', emailVerified: true });
      const cookie = cookieHeader(made);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().email).toBe('new@example.test');
      expect((await confirm('a long password')).json().error.code).toBe('INVALID_TOKEN');
      expect(await t.services.db.selectFrom('pending_signups').selectAll().execute()).toEqual([]);
      // Signing up again now only tells the owner.
      expect((await signup(t, 'new@example.test')).statusCode).toBe(202);
      expect(await mailsTo(t, 'new@example.test', 'security.signup_attempt')).toHaveLength(1);
    });
  });

  it('lets a sign-up link expire, and a taken address refuse an invitation (its holder was let in by name)', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    await withApp({}, async (t) => {
      const admin = await signUp(t.app, 'admin@example.test');
      await signup(t, 'slow@example.test');
      const token = await signupLinkToken(t.services, 'slow@example.test');
      clock.advance(SIGNUP_LINK_VALID_HOURS * 3_600_000 + 1);
      const late = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password: 'a long password' } });
      expect(late.json().error).toMatchObject({ code: 'INVALID_TOKEN', message: expect.stringMatching(/Sign up again/) });
      await t.services.accounts.deleteExpired();
      expect(await t.services.db.selectFrom('pending_signups').selectAll().execute()).toEqual([]);
      const invitation = await t.app.inject({ method: 'POST', url: '/api/v1/admin/invitations', headers: admin.headers, payload: {} });
      const code = new URL(invitation.json().url).searchParams.get('invitation')!;
      const taken = await signup(t, 'admin@example.test', { invitation: code });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('EMAIL_TAKEN');
    }, clock);
  });

  it('opens on "create the administrator account" while no account exists, whatever the policy', async () => {
    await withApp({ signup: 'closed' }, async (t) => {
      expect((await t.app.inject({ url: '/api/v1/auth/config' })).json()).toEqual({ signup: 'closed', firstRun: true, requireVerifiedEmail: false });
      const first = await signup(t, 'admin@example.test');
      expect(first.statusCode).toBe(201);
      expect(first.json().user.role).toBe('admin');
      expect((await t.app.inject({ url: '/api/v1/auth/config' })).json().firstRun).toBe(false);
      const refused = await signup(t, 'late@example.test');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'SIGNUP_CLOSED', message: expect.stringMatching(/closed/) });
    });
  });

  it('with ATELIER_SIGNUP_DOMAINS admits only those domains', async () => {
    await withApp({ signupDomains: ['studio.example'] }, async (t) => {
      await signUp(t.app, 'admin@elsewhere.example');
      expect((await signup(t, 'ana@studio.example')).statusCode).toBe(202);
      const other = await signup(t, 'bob@elsewhere.example');
      expect(other.statusCode).toBe(403);
      expect(other.json().error.message).toMatch(/studio\.example/);
    });
  });

  it('with ATELIER_SIGNUP=invite needs an invitation: single use, bound to its address, and expiring', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    await withApp({ signup: 'invite' }, async (t) => {
      const admin = await signUp(t.app, 'admin@example.test');
      expect((await signup(t, 'walk-in@example.test')).json().error.message).toMatch(/needs an invitation/);
      const invite = async (payload: object) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/invitations', headers: admin.headers, payload });
        expect(res.statusCode).toBe(201);
        return new URL(res.json().url).searchParams.get('invitation')!;
      };
      const open = await invite({});
      expect((await signup(t, 'guest@example.test', { invitation: open })).statusCode).toBe(201);
      expect((await signup(t, 'guest2@example.test', { invitation: open })).statusCode).toBe(400);
      const bound = await invite({ email: 'named@example.test' });
      expect((await signup(t, 'someone-else@example.test', { invitation: bound })).statusCode).toBe(400);
      expect((await signup(t, 'named@example.test', { invitation: bound })).statusCode).toBe(201);
      const short = await invite({ days: 1 });
      clock.advance(86_400_000 + 1);
      expect((await signup(t, 'late@example.test', { invitation: short })).statusCode).toBe(400);
      const list = (await t.app.inject({ url: '/api/v1/admin/invitations', headers: { cookie: admin.cookie } })).json().items;
      expect(list.map((i: { status: string }) => i.status).sort()).toEqual(['expired', 'used', 'used']);
      const other = await signUp(t.app, 'x@example.test', undefined).catch(() => undefined);
      expect(other).toBeUndefined(); // the harness cannot sign up without an invitation either
    }, clock);
  });
});
