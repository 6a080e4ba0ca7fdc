import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test-support/harness.js';
import { testCatalog, withPlans } from './test-fixtures.js';

describe('credits on every way of starting a job', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ config: { ...withPlans(testCatalog()), workerConcurrency: 0 } })));
  afterAll(() => t.close());

  it('refuses an API-token request to the OpenAI-compatible endpoint past the balance, in OpenAI\'s error shape', async () => {
    const person = await signUp(t.app);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: person.headers, payload: { name: 'script', scopes: ['images'] } })).json().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: bearer, payload: { prompt: 'fog', size: '64x64', count: 4 } })).statusCode).toBe(202);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: bearer, payload: { prompt: 'fog', size: '64x64', count: 4 } })).statusCode).toBe(202);
    const refused = await t.app.inject({ method: 'POST', url: '/v1/images/generations', headers: bearer, payload: { prompt: 'fog', n: 4, size: '1024x1024' } });
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'insufficient_credits' });
    expect(refused.json().error.message).toContain('you have 2');
    const history = (await t.app.inject({ url: '/api/v1/generations', headers: { cookie: person.cookie } })).json().items;
    expect(history).toHaveLength(2);
  });
});
