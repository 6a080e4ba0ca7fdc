import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { StripeStub } from '../../test-support/stubs/stripe-stub.js';
import { testCatalog } from './test-fixtures.js';
import { NO_RATE_LIMITS } from '../limits/test-fixtures.js';

const KEY = 'sk_test_atelier';
const SECRET = 'whsec_atelier_test';
const signer = new Stripe(KEY).webhooks;
let stub: StripeStub;
let t: TestApp;

beforeAll(async () => {
  stub = await StripeStub.start(KEY);
  t = await createTestApp({
    config: {
      workerConcurrency: 0,
      billing: {
        catalog: testCatalog(),
        stripe: { secretKey: KEY, webhookSecret: SECRET, apiBase: new URL(stub.url) },
        rateLimits: NO_RATE_LIMITS,
      },
    },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

const post = (user: TestUser, url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, headers: user.headers, payload: payload as object });
const summary = async (user: TestUser) => (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: user.cookie } })).json();

let n = 0;
function deliver(type: string, object: Record<string, unknown>, opts: { id?: string; created?: number; secret?: string } = {}) {
  const payload = JSON.stringify({ id: opts.id ?? `evt_test_${++n}`, object: 'event', type, created: opts.created ?? 1_767_225_600 + n, data: { object } });
  const signature = signer.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET });
  return t.app.inject({ method: 'POST', url: '/api/v1/billing/webhook', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
}

async function customerOf(user: TestUser): Promise<string> {
  expect((await post(user, '/api/v1/billing/checkout', { creditPack: 'pack-500' })).statusCode).toBe(200);
  const account = await t.services.db.selectFrom('billing_accounts').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
  return account.stripe_customer_id!;
}

const subscription = (customer: string, id: string, status: string, price = 'price_pro', periodEnd = 1_769_904_000) => ({
  id, object: 'subscription', customer, status,
  items: { object: 'list', data: [{ id: 'si_1', price: { id: price }, current_period_start: periodEnd - 2_678_400, current_period_end: periodEnd }] },
});

const packSession = (customer: string, id: string, paymentStatus: 'paid' | 'unpaid') =>
  ({ id, object: 'checkout.session', mode: 'payment', customer, metadata: { credit_pack: 'pack-500' }, payment_status: paymentStatus });

describe('Stripe Checkout and portal', () => {
  it('tells the studio what can be bought: the plans and packs with a price', async () => {
    const person = await signUp(t.app);
    expect(await summary(person)).toMatchObject({
      payments: true, plans: [{ id: 'free', purchasable: false }, { id: 'pro', purchasable: true }], creditPacks: [{ id: 'pack-500', purchasable: true }],
    });
  });

  it('opens a Checkout Session for a plan, as a customer made once, with what is bought in its metadata', async () => {
    const person = await signUp(t.app);
    const res = await post(person, '/api/v1/billing/checkout', { plan: 'pro' });
    expect(res.statusCode).toBe(200);
    expect(res.json().url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const session = stub.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!;
    expect(session.params).toMatchObject({ mode: 'subscription', 'line_items[0][price]': 'price_pro', 'metadata[plan]': 'pro', client_reference_id: person.id });
    expect(stub.requests.filter((r) => r.path === '/v1/customers').at(-1)!.params).toMatchObject({ email: person.email, 'metadata[user_id]': person.id });
    const customers = stub.requests.filter((r) => r.path === '/v1/customers').length;
    expect((await post(person, '/api/v1/billing/checkout', { creditPack: 'pack-500' })).json().url).toContain('checkout.stripe.com');
    expect(stub.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(customers);
  });

  it('refuses what is not for sale, naming what is', async () => {
    const person = await signUp(t.app);
    const res = await post(person, '/api/v1/billing/checkout', { plan: 'free' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Plans for sale: pro');
  });

  it('opens the Customer Portal once the person is a customer', async () => {
    const person = await signUp(t.app);
    expect((await post(person, '/api/v1/billing/portal')).statusCode).toBe(409);
    await customerOf(person);
    expect((await post(person, '/api/v1/billing/portal')).json().url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
  });
});

describe('Stripe webhook events', () => {
  it('refuses a body whose signature does not match, changing nothing', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const forged = await deliver('checkout.session.completed', packSession(customer, 'cs_forged', 'paid'), { secret: 'whsec_wrong' });
    expect(forged.statusCode).toBe(400);
    expect(await t.services.db.selectFrom('stripe_events').selectAll().where('id', 'like', 'evt_test_%').execute()).toHaveLength(0);
    expect((await summary(person)).balance).toBe(10);
  });

  it('adds a paid credit pack once, however often the event is delivered', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const session = packSession(customer, 'cs_test_pack', 'paid');
    expect((await deliver('checkout.session.completed', session, { id: 'evt_pack' })).json()).toEqual({ received: true, outcome: 'applied' });
    expect((await deliver('checkout.session.completed', session, { id: 'evt_pack' })).json().outcome).toBe('duplicate');
    expect((await summary(person)).balance).toBe(510);
  });

  it('grants a pack paid by a delayed method only when the payment succeeds, and once per session', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    expect((await deliver('checkout.session.completed', packSession(customer, 'cs_test_delayed', 'unpaid'))).json().outcome).toBe('awaiting_payment');
    expect((await summary(person)).balance).toBe(10);
    expect((await deliver('checkout.session.async_payment_succeeded', packSession(customer, 'cs_test_delayed', 'paid'))).json().outcome).toBe('applied');
    expect((await summary(person)).balance).toBe(510);
    // Another event about the same paid session (a completed one sent late, say) adds nothing more.
    await deliver('checkout.session.completed', packSession(customer, 'cs_test_delayed', 'paid'));
    expect((await summary(person)).balance).toBe(510);
  });

  it('grants nothing when a delayed payment fails, and tells the person by email', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    await deliver('checkout.session.completed', packSession(customer, 'cs_test_failing', 'unpaid'));
    expect((await deliver('checkout.session.async_payment_failed', packSession(customer, 'cs_test_failing', 'unpaid'))).json().outcome).toBe('applied');
    expect((await summary(person)).balance).toBe(10);
    const mail = await t.services.db.selectFrom('outbox').select(['type', 'to_address', 'text_body']).where('user_id', '=', person.id)
      .where('type', '=', 'billing.payment_failed').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to_address: person.email });
    expect(mail[0]!.text_body).toContain('The payment for 500 credits failed');
  });

  it('takes the plan\'s subscription status from Stripe: not active while its first payment is pending', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const sub = stub.addSubscription(customer, 'incomplete');
    const session = { id: 'cs_test_sub_delayed', object: 'checkout.session', mode: 'subscription', customer, subscription: sub, metadata: { plan: 'pro' }, payment_status: 'unpaid' };
    await deliver('checkout.session.completed', session);
    const pending = await summary(person);
    expect(pending.plan.id).toBe('free');
    expect(pending.subscription).toEqual({ status: 'incomplete' });
    stub.subscriptions.get(sub)!.status = 'active';
    await deliver('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' });
    const paid = await summary(person);
    expect(paid.plan.id).toBe('pro');
    expect(paid.subscription).toEqual({ status: 'active' });
  });

  it('follows the subscription to its newest state whatever the order of delivery, and back to the default plan when it ends', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const sub = stub.addSubscription(customer);
    await deliver('checkout.session.completed', { id: 'cs_test_sub', object: 'checkout.session', mode: 'subscription', customer, subscription: sub, metadata: { plan: 'pro' }, payment_status: 'paid' }, { created: 1_767_300_000 });
    await deliver('customer.subscription.updated', subscription(customer, sub, 'active'), { created: 1_767_300_100 });
    // An older update (past due) delivered late changes nothing.
    expect((await deliver('customer.subscription.updated', subscription(customer, sub, 'past_due'), { created: 1_767_300_050 })).json().outcome).toBe('ignored');
    const pro = await summary(person);
    expect(pro.plan.id).toBe('pro');
    expect(pro.subscription).toEqual({ status: 'active' });
    expect(pro.renewsAt).toBe(new Date(1_769_904_000_000).toISOString());
    await deliver('customer.subscription.deleted', subscription(customer, sub, 'canceled'), { created: 1_767_400_000 });
    // An update from the same second as the deletion, delivered after it, does not bring the subscription back.
    expect((await deliver('customer.subscription.updated', subscription(customer, sub, 'active'), { created: 1_767_400_000 })).json().outcome).toBe('ignored');
    const after = await summary(person);
    expect(after.plan.id).toBe('free');
    expect(after.subscription).toEqual({ status: 'canceled' });
    // A new subscription after the deletion is the account's again.
    const next = stub.addSubscription(customer);
    await deliver('customer.subscription.updated', subscription(customer, next, 'active'), { created: 1_767_500_000 });
    expect((await summary(person)).plan.id).toBe('pro');
  });

  it('changes the plan only for the account\'s own subscription', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const sub = stub.addSubscription(customer);
    await deliver('customer.subscription.updated', subscription(customer, sub, 'active'), { created: 1_767_300_000 });
    const other = stub.addSubscription(customer);
    expect((await deliver('customer.subscription.deleted', subscription(customer, other, 'canceled'), { created: 1_767_300_500 })).json().outcome).toBe('ignored');
    expect((await deliver('customer.subscription.updated', subscription(customer, other, 'past_due'), { created: 1_767_300_600 })).json().outcome).toBe('ignored');
    expect(await summary(person)).toMatchObject({ plan: { id: 'pro' }, subscription: { status: 'active' } });
  });

  it('moves the renewal date to the end of the period a paid invoice covers', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const sub = stub.addSubscription(customer);
    await deliver('customer.subscription.updated', subscription(customer, sub, 'active', 'price_pro', 1_769_904_000), { created: 1_767_300_000 });
    expect((await summary(person)).renewsAt).toBe(new Date(1_769_904_000_000).toISOString());
    // The renewal: only the invoice names the next period's end.
    const nextEnd = 1_772_323_200;
    await deliver('invoice.paid', { id: 'in_renewal', object: 'invoice', customer, lines: { object: 'list', data: [{ period: { start: 1_769_904_000, end: nextEnd } }] } });
    expect((await summary(person)).renewsAt).toBe(new Date(nextEnd * 1000).toISOString());
    // An older invoice delivered late leaves the later date.
    await deliver('invoice.paid', { id: 'in_old', object: 'invoice', customer, lines: { object: 'list', data: [{ period: { start: 1_767_225_600, end: 1_769_904_000 } }] } });
    expect((await summary(person)).renewsAt).toBe(new Date(nextEnd * 1000).toISOString());
    // An invoice of another subscription (an earlier one of this customer) moves nothing.
    const other = { type: 'subscription_details', subscription_details: { subscription: 'sub_someone_else' } };
    await deliver('invoice.paid', { id: 'in_other', object: 'invoice', customer, parent: other, lines: { object: 'list', data: [{ period: { start: nextEnd, end: nextEnd + 2_592_000 } }] } });
    expect((await summary(person)).renewsAt).toBe(new Date(nextEnd * 1000).toISOString());
    const own = { type: 'subscription_details', subscription_details: { subscription: sub } };
    await deliver('invoice.paid', { id: 'in_own', object: 'invoice', customer, parent: own, lines: { object: 'list', data: [{ period: { start: nextEnd, end: nextEnd + 2_592_000 } }] } });
    expect((await summary(person)).renewsAt).toBe(new Date((nextEnd + 2_592_000) * 1000).toISOString());
  });

  it('a deletion request cancels the subscription and revokes API tokens at once, for good even if the person comes back', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const sub = stub.addSubscription(customer);
    await deliver('customer.subscription.updated', subscription(customer, sub, 'active'));
    const made = await post(person, '/api/v1/me/tokens', { name: 'script', scopes: ['account:read'] });
    expect(made.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${made.json().token}` };
    expect((await t.app.inject({ url: '/api/v1/me/billing', headers: bearer })).statusCode).toBe(200);

    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: person.headers, payload: { password: person.password } });
    expect(deleted.statusCode).toBe(202);
    expect(stub.subscriptions.get(sub)!.status).toBe('canceled');
    expect(stub.customers.get(customer)!.deleted).toBe(false);
    expect(await t.services.db.selectFrom('api_tokens').select('id').where('user_id', '=', person.id).execute()).toEqual([]);

    // Logging in during the grace period withdraws the deletion; the tokens and the subscription stay ended.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: person.password } });
    expect(login.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me/billing', headers: bearer })).statusCode).toBe(401);
    expect(await t.services.db.selectFrom('api_tokens').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
    expect((await t.services.db.selectFrom('billing_accounts').select('subscription_status').where('user_id', '=', person.id).executeTakeFirstOrThrow()).subscription_status).toBe('canceled');
  });

  it('the purge has Stripe forget the customer before the rows go, again without harm after a crash', async () => {
    const person = await signUp(t.app);
    const customer = await customerOf(person);
    const sub = stub.addSubscription(customer);
    await deliver('customer.subscription.updated', subscription(customer, sub, 'active'));
    const billing = t.services.personalData.erasureOrder.find((m) => m.tables.includes('credit_ledger'))!;
    await billing.eraseFor(person.id);
    expect(stub.subscriptions.get(sub)!.status).toBe('canceled');
    expect(stub.customers.get(customer)!.deleted).toBe(true);
    expect(await t.services.db.selectFrom('billing_accounts').selectAll().where('user_id', '=', person.id).execute()).toEqual([]);
    // A purge resumed after a crash runs it again: Stripe has already forgotten them, which is fine.
    await billing.eraseFor(person.id);
  });
});
