import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, DAY_MS } from '../../lib/clock.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { testCatalog, withPlans } from './test-fixtures.js';

// Workers off: accepted generations stay queued, so what the ledger holds depends only on the requests.
const clock = new ManualClock(Date.UTC(2026, 0, 31, 12));
let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock, config: { ...withPlans(testCatalog()), workerConcurrency: 0 } });
  admin = await signUp(t.app);
});
afterAll(() => t.close());

const generate = (user: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt: 'a lighthouse', size: '64x64', ...payload } });
const billing = async (user: TestUser) => (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: user.cookie } })).json();
const history = async (user: TestUser) => (await t.app.inject({ url: '/api/v1/generations', headers: { cookie: user.cookie } })).json().items;

describe('credits', () => {
  it('grants the plan\'s monthly credits and reserves the cost of each accepted request', async () => {
    const person = await signUp(t.app);
    const before = await billing(person);
    expect(before).toMatchObject({ unlimited: false, balance: 10, plan: { id: 'free', name: 'Free', maxSetSize: 4 } });
    // Prices in the plans file, but no Stripe key: nothing can be bought here.
    expect(before).toMatchObject({ payments: false, plans: [{ id: 'free', purchasable: false }, { id: 'pro', purchasable: false }], creditPacks: [{ purchasable: false }] });
    expect(before.renewsAt).toBe('2026-02-28T12:00:00.000Z');
    expect((await generate(person, { count: 3 })).statusCode).toBe(202);
    // A 2K image costs 3 credits on this plan.
    expect((await generate(person, { size: '2K' })).statusCode).toBe(202);
    const after = await billing(person);
    expect(after.balance).toBe(4);
    expect(after.usage.creditsThisCycle).toBe(6);
  });

  it('refuses a request over the balance with 402 and stores nothing', async () => {
    const person = await signUp(t.app);
    expect((await generate(person, { count: 4 })).statusCode).toBe(202);
    expect((await generate(person, { count: 4 })).statusCode).toBe(202);
    const refused = await generate(person, { count: 4 });
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { cost: 4, balance: 2 } });
    expect(refused.json().error.message).toMatch(/costs 4 credits and you have 2.*renew on 2026-02-28/);
    expect(await history(person)).toHaveLength(2);
    expect((await billing(person)).balance).toBe(2);
  });

  it('refuses what the plan does not include with 403 PLAN_LIMIT, storing nothing', async () => {
    const person = await signUp(t.app);
    const tooMany = await generate(person, { count: 5 });
    expect(tooMany.statusCode).toBe(403);
    expect(tooMany.json().error).toMatchObject({ code: 'PLAN_LIMIT', details: { limit: 'maxSetSize' } });
    expect(tooMany.json().error.message).toContain('at most 4 images per request');
    expect(await history(person)).toHaveLength(0);
    expect((await billing(person)).balance).toBe(10);
  });

  it('never spends a credit twice: 50 parallel requests against a balance of 10 accept exactly 10', async () => {
    const person = await signUp(t.app);
    expect((await billing(person)).balance).toBe(10);
    const answers = await Promise.all(Array.from({ length: 50 }, () => generate(person, {})));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 202)).toHaveLength(10);
    expect(codes.filter((c) => c === 402)).toHaveLength(40);
    expect((await billing(person)).balance).toBe(0);
    expect(await history(person)).toHaveLength(10);
  });

  it('refunds a canceled generation, once', async () => {
    const person = await signUp(t.app);
    const g = (await generate(person, { count: 3 })).json();
    expect((await billing(person)).balance).toBe(7);
    const cancel = () => t.app.inject({ method: 'POST', url: `/api/v1/generations/${g.id}/cancel`, headers: person.headers });
    expect((await cancel()).statusCode).toBe(200);
    expect((await billing(person)).balance).toBe(10);
    expect((await cancel()).statusCode).toBe(409);
    expect((await billing(person)).balance).toBe(10);
    const refunds = await t.services.db.selectFrom('credit_ledger').select('amount').where('generation_id', '=', g.id).where('kind', '=', 'refund').execute();
    expect(refunds).toEqual([{ amount: 3 }]);
  });

  it('grants again when the next monthly cycle starts (a cycle anchored on the 31st renews at the month\'s end)', async () => {
    const person = await signUp(t.app);
    expect((await generate(person, { count: 4 })).statusCode).toBe(202);
    expect((await billing(person)).balance).toBe(6);
    clock.advance(28 * DAY_MS);
    const renewed = await billing(person);
    expect(renewed.balance).toBe(16);
    expect(renewed.cycleStartedAt).toBe('2026-02-28T12:00:00.000Z');
    expect(renewed.renewsAt).toBe('2026-03-31T12:00:00.000Z');
    expect(renewed.usage.creditsThisCycle).toBe(0);
    // Asking again in the same cycle grants nothing more.
    expect((await billing(person)).balance).toBe(16);
  });

  it('lets an administrator add or take credits with a reason, kept in the ledger', async () => {
    const person = await signUp(t.app);
    const add = (amount: number, reason = 'refund for an outage', who = admin) =>
      t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${person.id}/credits`, headers: who.headers, payload: { amount, reason } });
    expect((await add(25)).json()).toEqual({ balance: 35 });
    expect((await add(-5, 'duplicate grant')).json()).toEqual({ balance: 30 });
    expect((await add(5, 'by myself', person)).statusCode).toBe(403);
    expect((await add(5, '')).statusCode).toBe(400);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/admin/users/nobody/credits', headers: admin.headers, payload: { amount: 1, reason: 'typo' } });
    expect(missing.statusCode).toBe(404);
    const entries = await t.services.db.selectFrom('credit_ledger').select(['kind', 'amount', 'reason']).where('user_id', '=', person.id).orderBy('id').execute();
    expect(entries.filter((e) => e.kind === 'adjust')).toEqual([
      { kind: 'adjust', amount: 25, reason: 'refund for an outage' },
      { kind: 'adjust', amount: -5, reason: 'duplicate grant' },
    ]);
    // Each correction is an administrator's action in the audit log: who, to whom, how much and why.
    const audit = (await t.app.inject({ url: '/api/v1/admin/audit', headers: { cookie: admin.cookie } })).json().items;
    expect(audit.filter((e: { action: string; target: string }) => e.action === 'admin.credits_adjusted' && e.target === person.id)).toEqual([
      expect.objectContaining({ actorId: admin.id, actorEmail: admin.email, detail: { amount: -5, reason: 'duplicate grant' } }),
      expect.objectContaining({ actorId: admin.id, actorEmail: admin.email, detail: { amount: 25, reason: 'refund for an outage' } }),
    ]);
  });

  it('shows each person\'s plan in the admin console: the subscribed one, else the default', async () => {
    const [onDefault, onPro] = [await signUp(t.app), await signUp(t.app)];
    await t.services.db.insertInto('billing_accounts').values({ user_id: onPro.id, plan_id: 'pro', cycle_anchor: 0, created_at: 0 }).execute();
    const items = (await t.app.inject({ url: '/api/v1/admin/users?limit=200', headers: { cookie: admin.cookie } })).json().items;
    const planOf = (id: string) => items.find((u: { id: string }) => u.id === id).plan;
    expect(planOf(onDefault.id)).toEqual({ id: 'free', name: 'Free' });
    expect(planOf(onPro.id)).toEqual({ id: 'pro', name: 'Pro' });
  });

  it('never lets an administrator take the balance below zero, even with corrections racing', async () => {
    const person = await signUp(t.app);
    const take = (amount: number) => t.app.inject({
      method: 'POST', url: `/api/v1/admin/users/${person.id}/credits`, headers: admin.headers, payload: { amount, reason: 'chargeback' },
    });
    const refused = await take(-11);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'INVALID_STATE', details: { balance: 10 } });
    expect(refused.json().error.message).toContain('The balance is 10 credits');
    const answers = await Promise.all(Array.from({ length: 6 }, () => take(-3)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(3);
    expect((await billing(person)).balance).toBe(1);
  });
});
