import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { image, multipart } from '../assets/test-fixtures.js';
import { NO_RATE_LIMITS } from '../limits/test-fixtures.js';


describe('reports per person', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(), config: { workerConcurrency: 0, billing: { rateLimits: { ...NO_RATE_LIMITS, reportsPerHour: 2 } } } });
  });
  afterAll(() => t.close());

  async function sharedImage(owner: TestUser): Promise<string> {
    const body = multipart({ data: await image('png', 8, 8), filename: 'a.png' });
    const assetId = (await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...owner.headers, ...body.headers }, payload: body.payload })).json().id;
    const share = await t.app.inject({ method: 'POST', url: '/api/v1/shares', headers: owner.headers, payload: { assetId, allowDownload: false } });
    return (share.json().url as string).split('/s/')[1]!;
  }

  it('answers 429 with Retry-After past the hourly number, and repeating an open report costs nothing', async () => {
    const owner = await signUp(t.app);
    const reporter = await signUp(t.app);
    const report = (shareToken: string, who = reporter) =>
      t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: who.headers, payload: { shareToken, reason: 'other' } });
    const first = await sharedImage(owner);
    expect((await report(first)).statusCode).toBe(201);
    expect((await report(first)).statusCode).toBe(200);
    expect((await report(await sharedImage(owner))).statusCode).toBe(201);
    const refused = await report(await sharedImage(owner));
    expect(refused.statusCode).toBe(429);
    // Half an hour until a token is back (the bucket's float division may round it up by a second).
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1800);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(1801);
    expect(refused.json().error.message).toContain('Too many reports');
    expect((await report(first, await signUp(t.app))).statusCode).toBe(201);
  });
});
