import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../config.js';
import type { AccountsConfig } from '../accounts-config.js';
import { ManualClock } from '../../../lib/clock.js';
import { createTestApp, signUp, type TestApp } from '../../../test-support/harness.js';
import { mailsTo } from '../test-mail.js';

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

const shape = (body: { user: Record<string, unknown>; csrfToken: string }) =>
  ({ keys: Object.keys(body).sort(), userKeys: Object.keys(body.user).sort(), role: body.user.role, emailVerified: body.user.emailVerified });

describe('sign-up', () => {
  it('answers a taken address as a new one, emails its owner instead, and creates nothing', async () => {
    await withApp({}, async (t) => {
      const owner = await signUp(t.app, 'owner@example.test');
      await signUp(t.app, 'second@example.test');
      const fresh = await signup(t, 'fresh@example.test');
      const taken = await signup(t, 'OWNER@example.test');
      expect(taken.statusCode).toBe(fresh.statusCode);
      expect(shape(taken.json())).toEqual(shape(fresh.json()));
      expect(taken.cookies.map((c) => c.name).sort()).toEqual(fresh.cookies.map((c) => c.name).sort());
      expect(await mailsTo(t, owner.email, 'security.signup_attempt')).toHaveLength(1);
      const rows = await t.services.db.selectFrom('users').select('id').where('email', '=', 'owner@example.test').execute();
      expect(rows.map((r) => r.id)).toEqual([owner.id]);
      // The owner's password and sessions are untouched.
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: owner.cookie } })).statusCode).toBe(200);
    });
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
      expect((await signup(t, 'ana@studio.example')).statusCode).toBe(201);
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
