import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config.js';
import { noisy } from '../../test-support/factories.js';
import { createTestApp, signUp, tempDir, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { ModelArkStub } from '../../test-support/stubs/modelark-stub.js';
import { multipart } from '../assets/test-fixtures.js';
import { testCatalog, withPlans } from './test-fixtures.js';

const generate = (t: TestApp, user: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt: 'a lighthouse', ...payload } });
const balanceOf = async (t: TestApp, user: TestUser) =>
  (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: user.cookie } })).json().balance;

describe('without a plans file', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('limits and counts nothing, as before', async () => {
    const person = await signUp(t.app);
    const summary = (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: person.cookie } })).json();
    expect(summary).toMatchObject({ unlimited: true, plan: null, balance: null, renewsAt: null });
    expect((await generate(t, person, { size: '64x64', count: 15 })).statusCode).toBe(202);
    expect(await t.services.db.selectFrom('credit_ledger').selectAll().execute()).toEqual([]);
  });
});

describe('plan limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { ...withPlans(testCatalog({ maxConcurrentJobs: 2, storageQuotaMiB: 1 })), workerConcurrency: 0 } });
  });
  afterAll(() => t.close());

  it('refuses more generations at once than the plan runs', async () => {
    const person = await signUp(t.app);
    expect((await generate(t, person, { size: '64x64' })).statusCode).toBe(202);
    expect((await generate(t, person, { size: '64x64' })).statusCode).toBe(202);
    const third = await generate(t, person, { size: '64x64' });
    expect(third.statusCode).toBe(403);
    expect(third.json().error).toMatchObject({ code: 'PLAN_LIMIT', details: { limit: 'maxConcurrentJobs' } });
    expect(third.json().error.message).toMatch(/at most 2 generations at once.*cancel one/);
  });

  it('refuses uploads and generations once the storage quota is used, saying how to free space', async () => {
    const person = await signUp(t.app);
    const upload = async () => {
      const form = multipart({ data: await noisy(900, 900).png().toBuffer(), filename: 'noise.png', contentType: 'image/png' });
      return t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...person.headers, ...form.headers }, payload: form.payload });
    };
    expect((await upload()).statusCode).toBe(201);
    const refused = await upload();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_LIMIT', details: { limit: 'storageQuotaMiB' } });
    expect(refused.json().error.message).toMatch(/storage is full \(1 MiB.*empty the trash/);
    expect((await generate(t, person, { size: '64x64' })).json().error.code).toBe('PLAN_LIMIT');
    const assets = (await t.app.inject({ url: '/api/v1/assets', headers: { cookie: person.cookie } })).json().items;
    expect(assets).toHaveLength(1);
  });
});

describe('engines and refunds', () => {
  const KEY = 'ark-billing-key';
  let stub: ModelArkStub;
  let t: TestApp;
  beforeAll(async () => {
    stub = await ModelArkStub.start({ apiKey: KEY });
    const engines = loadConfig({ ATELIER_DATA_DIR: tempDir(), ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url }).engines;
    const catalog = testCatalog({ engines: ['builtin', 'seedream'], engineCreditsPerImage: { seedream: { default: 2 } } });
    catalog.plans[1]!.engines = ['builtin'];
    t = await createTestApp({ config: { ...withPlans(catalog), engines } as Partial<Config> });
  });
  afterAll(async () => {
    await t.close();
    await stub.close();
  });

  it('charges the engine\'s price and refunds the images a provider did not deliver', async () => {
    const person = await signUp(t.app);
    stub.script.push({ kind: 'success', failures: [{ index: 1, code: 'OutputImageSensitiveContentDetected' }] });
    const g = await waitForGeneration(t.app, person, (await generate(t, person, { engine: 'seedream', count: 3 })).json().id);
    expect(g.status).toBe('partial');
    // 3 images at 2 credits reserved, 1 refused by the provider refunded: 10 - 6 + 2.
    expect(await balanceOf(t, person)).toBe(6);
  });

  it('refuses an engine the plan does not include, naming the ones it does', async () => {
    const person = await signUp(t.app);
    await t.services.db.insertInto('billing_accounts').values({ user_id: person.id, plan_id: 'pro', cycle_anchor: 0, created_at: 0 }).execute();
    const refused = await generate(t, person, { engine: 'seedream' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_LIMIT', details: { limit: 'engines' } });
    expect(refused.json().error.message).toContain('does not include the seedream engine. Choose one of: builtin');
  });
});
