import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image } from '../assets/test-fixtures.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { A1111Stub } from '../../test-support/stubs/a1111-stub.js';
import { engineConfig } from '../../test-support/stubs/engine-test-env.js';
import { localEngineClient } from '../../test-support/stubs/local-engine-test.js';
import { testCatalog, withPlans } from './test-fixtures.js';

// Workers off: accepted edits stay queued, so the ledger holds what their admission reserved.
let stub: A1111Stub;
let t: TestApp;
const client = localEngineClient(() => t, 'a1111');

beforeAll(async () => {
  stub = await A1111Stub.start();
  const catalog = testCatalog({ monthlyCredits: 100, creditsPerImage: { default: 1, '2K': 3, '4K': 5 }, engines: ['builtin', 'a1111'] });
  t = await createTestApp({ config: { ...withPlans(catalog), workerConcurrency: 0, engines: engineConfig({ ATELIER_A1111_URL: stub.url }) } });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

const balance = async (user: TestUser) => (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: user.cookie } })).json().balance;

/** Credits one accepted edit reserved. */
async function priceOf(user: TestUser, payload: Record<string, unknown>): Promise<number> {
  const before = await balance(user);
  const res = await client.edit(payload, user);
  expect(res.statusCode, res.body).toBe(202);
  return before - (await balance(user));
}

describe('the price of an upscale', () => {
  it('is the price of the image it makes: a 1K image upscaled to 4K costs the 4K price', async () => {
    const person = await signUp(t.app);
    await client.discovered(person);
    const source = await client.upload(await image('png', 1024, 768), person);
    expect(await priceOf(person, { assetId: source, tool: 'upscale', scale: 4 })).toBe(5);
    expect(await priceOf(person, { assetId: source, tool: 'upscale', scale: 2 })).toBe(3);
    expect(await priceOf(person, { assetId: source, instruction: 'upscale to 4K' })).toBe(5);
    // An edit that keeps the size is priced at it.
    expect(await priceOf(person, { assetId: source, instruction: 'make it autumn' })).toBe(1);
  });
});
