import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { engineConfig, RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import type { ModelArkStub } from '../../test-support/stubs/modelark-stub.js';
import type { OpenAiStub } from '../../test-support/stubs/openai-stub.js';
import { providerStubApp, type ProviderStubApp } from '../../test-support/stubs/provider-stub-app.js';
import { testCatalog, withPlans } from '../billing/test-fixtures.js';

const SERVER_ARK_KEY = 'ark-server-key-0b1c2d3e4f';
const SERVER_OPENAI_KEY = 'sk-server-openai-9a8b7c';
const OWN_ARK_KEY = 'ark-own-canary-71f3c0de55';
const OWN_OPENAI_KEY = 'sk-own-canary-openai-44d2e1';

let stubs: ProviderStubApp;
let ark: ModelArkStub;
let openai: OpenAiStub;
let t: TestApp;

beforeAll(async () => {
  // The default plan allows own keys but pays only for the built-in engine; "basic" allows no own keys.
  const catalog = testCatalog({ allowOwnKeys: true, monthlyCredits: 100 });
  catalog.plans.push({ ...catalog.plans[0]!, id: 'basic', name: 'Basic', allowOwnKeys: false, engines: ['builtin', 'seedream'] });
  stubs = await providerStubApp({ ark: SERVER_ARK_KEY, openai: SERVER_OPENAI_KEY }, withPlans(catalog));
  ({ ark, openai, t } = stubs);
  ark.keys.add(OWN_ARK_KEY);
  openai.keys.add(OWN_OPENAI_KEY);
});
afterAll(() => stubs.close());

const addKey = (u: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/provider-keys', headers: u.headers, payload });
const listKeys = async (u: TestUser) => (await t.app.inject({ url: '/api/v1/me/provider-keys', headers: { cookie: u.cookie } })).json();
const generate = async (u: TestUser, payload: Record<string, unknown>) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers, payload: { engine: 'seedream', prompt: 'a kite over dunes', size: '1K', ...payload } });
  return res;
};
const run = async (u: TestUser, payload: Record<string, unknown> = {}) => {
  const res = await generate(u, payload);
  expect(res.statusCode, res.body).toBe(202);
  return waitForGeneration(t.app, u, res.json().id);
};
const balance = async (u: TestUser) => (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: u.cookie } })).json().balance;
const authorizationsSince = (stub: { requests: Array<{ path: string; headers: Record<string, unknown> }> }, from: number, path: string) =>
  stub.requests.slice(from).filter((r) => r.path === path).map((r) => r.headers.authorization);

describe('bring your own key', () => {
  it('refuses a key the provider refuses, in plain words, and keeps nothing', async () => {
    const u = await signUp(t.app);
    const res = await addKey(u, { provider: 'seedream', key: 'ark-not-a-real-key-000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'key', reason: 'OWN_KEY_REFUSED' } });
    expect(res.json().error.message).toMatch(/^Seedream refused this key \(HTTP 401 AuthenticationError/);
    const openaiRes = await addKey(u, { provider: 'openai', key: 'sk-not-a-real-key-000' });
    expect(openaiRes.statusCode).toBe(400);
    expect(openaiRes.json().error.message).toMatch(/^OpenAI refused this key \(HTTP 401 invalid_api_key/);
    expect((await listKeys(u)).items).toEqual([]);
  });

  it('keeps a checked key sealed and masked, and runs the person\'s jobs on it for 0 credits', async () => {
    const u = await signUp(t.app);
    const from = ark.requests.length;
    const added = await addKey(u, { provider: 'seedream', key: OWN_ARK_KEY });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ provider: 'seedream', masked: '••••de55', monthlyImageCap: null, imagesThisMonth: 0 });
    expect(added.body).not.toContain(OWN_ARK_KEY);
    // Checked once with the provider, on the person's key.
    expect(authorizationsSince(ark, from, '/api/v3/images/generations')).toEqual([`Bearer ${OWN_ARK_KEY}`]);
    const row = await t.services.db.selectFrom('provider_keys').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.sealed_key, 'base64').toString('latin1')).not.toContain(OWN_ARK_KEY);

    const before = await balance(u);
    const sent = ark.requests.length;
    // The plan pays only for the built-in engine; on their own key the person may use Seedream.
    const g = await run(u, { count: 2 });
    expect(g.status).toBe('succeeded');
    expect(g.params.providerKeyId).toBe(row.id);
    expect(authorizationsSince(ark, sent, '/api/v3/images/generations')).toEqual([`Bearer ${OWN_ARK_KEY}`]);
    expect(await balance(u)).toBe(before);
    const ledger = await t.services.db.selectFrom('credit_ledger').select(['kind', 'amount', 'reason']).where('generation_id', '=', g.id).execute();
    expect(ledger).toEqual([{ kind: 'reserve', amount: 0, reason: 'your own seedream key' }]);
    expect((await listKeys(u)).items[0]).toMatchObject({ imagesThisMonth: 2 });
  });

  it('refuses a request past the monthly cap with a clear 403, counting only the images made', async () => {
    const u = await signUp(t.app);
    expect((await addKey(u, { provider: 'seedream', key: OWN_ARK_KEY, monthlyImageCap: 3 })).statusCode).toBe(201);
    ark.script.push({ kind: 'success', returnOnly: 1 });
    expect((await run(u, { count: 2 })).status).toBe('partial');
    expect((await run(u, { count: 2 })).status).toBe('succeeded');
    const refused = await generate(u, { count: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'OWN_KEY_CAP_REACHED', details: { cap: 3, used: 3 } });
    expect(refused.json().error.message).toMatch(/cap of 3 images this month/);
    const { items: [key] } = await listKeys(u);
    const raised = await t.app.inject({ method: 'PATCH', url: `/api/v1/me/provider-keys/${key.id}`, headers: u.headers, payload: { monthlyImageCap: null } });
    expect(raised.json()).toMatchObject({ monthlyImageCap: null, imagesThisMonth: 3 });
    expect((await generate(u, { count: 1 })).statusCode).toBe(202);
  });

  it('fails a job whose key the provider refuses, naming the key, and never retries it with the server\'s key', async () => {
    const u = await signUp(t.app);
    const own = 'ark-own-revoked-5a5a5a5a';
    ark.keys.add(own);
    expect((await addKey(u, { provider: 'seedream', key: own })).statusCode).toBe(201);
    ark.keys.delete(own);
    let sent = ark.requests.length;
    const g = await run(u);
    expect(g.status).toBe('failed');
    expect(g.error.code).toBe('OWN_KEY_REFUSED');
    expect(g.error.message).toMatch(/^Your Seedream key was refused: HTTP 401 AuthenticationError: .*invalid\. Request id: \w+\. Check the key in Settings/);
    expect(authorizationsSince(ark, sent, '/api/v3/images/generations')).toEqual([`Bearer ${own}`]);

    // A quota 429 is the person's account running out: told at once, not retried (a rate-limit 429 would be).
    ark.keys.add(own);
    sent = ark.requests.length;
    ark.script.push({ kind: 'error', status: 429, code: 'QuotaExceeded' });
    const quota = await run(u);
    expect(quota.error).toMatchObject({ code: 'OWN_KEY_REFUSED' });
    expect(quota.error.message).toMatch(/^Your Seedream key was refused: HTTP 429 QuotaExceeded/);
    expect(authorizationsSince(ark, sent, '/api/v3/images/generations')).toEqual([`Bearer ${own}`]);
  });

  it('removes a key: the next job runs on the server\'s key and costs credits; erasing the account shreds it', async () => {
    const u = await signUp(t.app);
    await t.services.db.insertInto('billing_accounts').values({ user_id: u.id, plan_id: 'basic', cycle_anchor: 0, created_at: 0 }).execute();
    // On a plan without own keys nothing can be added.
    const refused = await addKey(u, { provider: 'seedream', key: OWN_ARK_KEY });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_LIMIT', details: { limit: 'allowOwnKeys' } });
    await t.services.db.updateTable('billing_accounts').set({ plan_id: 'free' }).where('user_id', '=', u.id).execute();
    const { id } = (await addKey(u, { provider: 'seedream', key: OWN_ARK_KEY })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/provider-keys/${id}`, headers: u.headers })).statusCode).toBe(204);
    expect(await t.services.db.selectFrom('provider_keys').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
    await t.services.db.updateTable('billing_accounts').set({ plan_id: 'basic' }).where('user_id', '=', u.id).execute();
    const before = await balance(u);
    const sent = ark.requests.length;
    const g = await run(u);
    expect(g.params.providerKeyId).toBeUndefined();
    expect(authorizationsSince(ark, sent, '/api/v3/images/generations')).toEqual([`Bearer ${SERVER_ARK_KEY}`]);
    expect(await balance(u)).toBe(before - 1);

    await t.services.db.updateTable('billing_accounts').set({ plan_id: 'free' }).where('user_id', '=', u.id).execute();
    expect((await addKey(u, { provider: 'seedream', key: OWN_ARK_KEY })).statusCode).toBe(201);
    const erasure = t.services.personalData.erasureOrder;
    for (const part of erasure.filter((p) => p.tables.includes('user_keys') || p.tables.includes('provider_keys'))) await part.eraseFor(u.id);
    expect(await t.services.db.selectFrom('provider_keys').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
    expect(await t.services.db.selectFrom('user_keys').select('user_id').where('user_id', '=', u.id).execute()).toEqual([]);
  });

  it('checks an OpenAI-compatible base URL like a webhook address, and is for browser sessions only', async () => {
    const u = await signUp(t.app);
    const inside = await addKey(u, { provider: 'openai', key: OWN_OPENAI_KEY, baseUrl: openai.baseUrl });
    expect(inside.statusCode).toBe(400);
    expect(inside.json().error).toMatchObject({ details: { field: 'baseUrl' } });
    expect(inside.json().error.message).toMatch(/^This base URL is refused: use https/);
    const seedreamUrl = await addKey(u, { provider: 'seedream', key: OWN_ARK_KEY, baseUrl: 'https://example.com/v1' });
    expect(seedreamUrl.statusCode).toBe(400);

    const added = await addKey(u, { provider: 'openai', key: OWN_OPENAI_KEY });
    expect(added.statusCode, added.body).toBe(201);
    const sent = openai.requests.length;
    const g = await run(u, { engine: 'openai' });
    expect(g.status).toBe('succeeded');
    expect(authorizationsSince(openai, sent, '/v1/images/generations')).toEqual([`Bearer ${OWN_OPENAI_KEY}`]);

    const token = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: u.headers, payload: { name: 'script', scopes: ['images', 'account:read'] } });
    const bearer = { authorization: `Bearer ${token.json().token}` };
    expect((await t.app.inject({ url: '/api/v1/me/provider-keys', headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/provider-keys', headers: bearer, payload: { provider: 'openai', key: OWN_OPENAI_KEY } })).statusCode).toBe(403);
  });

  it('never writes a person\'s key to the logs', () => {
    const logs = stubs.logs();
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [OWN_ARK_KEY, OWN_OPENAI_KEY, 'ark-own-revoked-5a5a5a5a']) expect(logs, secret).not.toContain(secret);
  });
});

describe('a key removed while its job waits', () => {
  let held: TestApp;
  beforeAll(async () => {
    // Workers off: the job stays queued until the test starts them.
    held = await createTestApp({
      engineRuntime: new RecordingRuntime(),
      config: { workerConcurrency: 0, engines: engineConfig({ ATELIER_SEEDREAM_API_KEY: SERVER_ARK_KEY, ATELIER_SEEDREAM_BASE_URL: ark.url }) },
    });
  });
  afterAll(() => held?.close());

  it('fails the job in plain words and never runs it on the server\'s key', async () => {
    const u = await signUp(held.app);
    const { id } = (await held.app.inject({ method: 'POST', url: '/api/v1/me/provider-keys', headers: u.headers, payload: { provider: 'seedream', key: OWN_ARK_KEY } })).json();
    const queued = await held.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers, payload: { engine: 'seedream', prompt: 'a kite', size: '1K' } });
    expect(queued.json().params.providerKeyId).toBe(id);
    expect((await held.app.inject({ method: 'DELETE', url: `/api/v1/me/provider-keys/${id}`, headers: u.headers })).statusCode).toBe(204);
    const sent = ark.requests.length;
    held.services.queue.start(1);
    const g = await waitForGeneration(held.app, u, queued.json().id);
    expect(g.error).toMatchObject({ code: 'OWN_KEY_MISSING' });
    expect(g.error.message).toMatch(/removed before the generation ran/);
    expect(ark.requests.length).toBe(sent);
  });
});
