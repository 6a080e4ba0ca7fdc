import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../../test-support/harness.js';

let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const get = (user: TestUser) => t.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: { cookie: user.cookie } });
const put = (user: TestUser, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: user.headers, payload });

const OFF = { granted: false, policyVersion: null, updatedAt: null };

describe('consents', () => {
  it('are all off for a new account, with an empty history', async () => {
    const alice = await signUp(t.app);
    const res = await get(alice);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ trainingOffered: true, consents: { training: OFF, product_emails: OFF, analytics: OFF }, history: [] });
  });

  it('record each choice as a history row with the policy version, and never overwrite earlier rows', async () => {
    const alice = await signUp(t.app);
    const version = t.services.config.privacy.policyVersion;
    const first = new Date(clock.now()).toISOString();
    expect((await put(alice, { training: true, analytics: true })).statusCode).toBe(200);
    clock.advance(DAY_MS);
    const second = new Date(clock.now()).toISOString();
    const res = await put(alice, { training: false, analytics: true, product_emails: false });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.consents).toEqual({
      training: { granted: false, policyVersion: version, updatedAt: second },
      product_emails: { granted: false, policyVersion: version, updatedAt: second }, // an explicit no is recorded too
      analytics: { granted: true, policyVersion: version, updatedAt: first },
    });
    expect(body.history).toEqual([
      { purpose: 'training', granted: true, policyVersion: version, at: first },
      { purpose: 'analytics', granted: true, policyVersion: version, at: first },
      { purpose: 'training', granted: false, policyVersion: version, at: second },
      { purpose: 'product_emails', granted: false, policyVersion: version, at: second },
    ]);
    // Saying the same again under the same policy version adds nothing.
    expect((await put(alice, { training: false, analytics: true })).json().history).toHaveLength(4);
  });

  it('record a choice again when it was made under an older policy version', async () => {
    const alice = await signUp(t.app);
    await put(alice, { analytics: true });
    const privacy = t.services.config.privacy;
    const old = privacy.policyVersion;
    privacy.policyVersion = `${old}-next`;
    try {
      const body = (await put(alice, { analytics: true })).json();
      expect(body.history.map((h: any) => h.policyVersion)).toEqual([old, `${old}-next`]);
    } finally {
      privacy.policyVersion = old;
    }
  });

  it('reject unknown purposes and non-boolean values with a 400', async () => {
    const alice = await signUp(t.app);
    expect((await put(alice, { marketing: true })).statusCode).toBe(400);
    expect((await put(alice, { training: 'yes' })).statusCode).toBe(400);
  });

  it('need a signed-in person', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/consents' })).statusCode).toBe(401);
  });
});

describe('consents where ATELIER_TRAINING_USE=never', () => {
  it('do not offer training, refuse turning it on with TRAINING_NOT_OFFERED, and still accept the other choices', async () => {
    const n = await createTestApp({ config: { privacy: { ...t.services.config.privacy, trainingUse: 'never' } } });
    try {
      const alice = await signUp(n.app);
      const refused = await n.app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: alice.headers, payload: { training: true, analytics: true } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('TRAINING_NOT_OFFERED');
      const view = await n.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: { cookie: alice.cookie } });
      expect(view.json()).toMatchObject({ trainingOffered: false, history: [] }); // the refused request changed nothing
      const ok = await n.app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: alice.headers, payload: { training: false, analytics: true } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().consents.analytics.granted).toBe(true);
    } finally {
      await n.close();
    }
  });
});
