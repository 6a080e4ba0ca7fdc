import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { createTestApp, signUp, type TestApp } from '../../test-support/harness.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { DatabaseBucketStore, refill, type BucketStore } from './bucket-store.js';
import { RateLimits } from './rate-limits.js';
import { RedisBucketStore } from './redis-bucket-store.js';
import { NO_RATE_LIMITS } from './test-fixtures.js';

const limits = { ...NO_RATE_LIMITS, generationsPerMinute: 3, signupsPerHour: 2, anonymousPerMinute: 2 };

describe('rate limits over HTTP', () => {
  const clock = new ManualClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, config: { workerConcurrency: 0, billing: { rateLimits: limits } } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past a person\'s generations per minute, and lets them go on as tokens come back', async () => {
    const person = await signUp(t.app);
    const other = await signUp(t.app);
    const generate = (who = person) => t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: who.headers, payload: { prompt: 'rain', size: '64x64' } });
    for (let i = 0; i < 3; i++) expect((await generate()).statusCode).toBe(202);
    const refused = await generate();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('20');
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.json().error.message).toContain('at most 3 per minute');
    // Someone else is not held back, and edits share the same bucket.
    expect((await generate(other)).statusCode).toBe(202);
    const edit = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: person.headers, payload: { assetId: 'x', instruction: 'crop' } });
    expect(edit.statusCode).toBe(429);
    clock.advance(20_000);
    expect((await generate()).statusCode).toBe(202);
    expect((await generate()).statusCode).toBe(429);
  });

  it('limits sign-ups and anonymous events per address', async () => {
    // Two sign-ups of this file's first test already took this address's tokens.
    const signup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'late@example.test', password: 'correct horse battery', name: 'Late' } });
    expect(signup.statusCode).toBe(429);
    expect(Number(signup.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.services.users.findByEmail('late@example.test')).toBeUndefined();
    const event = () => t.app.inject({ method: 'POST', url: '/api/v1/analytics/events', payload: { feature: 'create' }, remoteAddress: '192.0.2.7' });
    expect((await event()).statusCode).toBe(204);
    expect((await event()).statusCode).toBe(204);
    expect((await event()).statusCode).toBe(429);
  });
});

describe('token buckets', () => {
  it('refill evenly up to their capacity', () => {
    const b = { capacity: 4, windowMs: 60_000 };
    expect(refill(0, 15_000, b)).toEqual({ tokens: 0, waitMs: 0 });
    expect(refill(0, 0, b)).toEqual({ tokens: 0, waitMs: 15_000 });
    expect(refill(3, 3_600_000, b)).toEqual({ tokens: 3, waitMs: 0 });
  });

  async function concurrentTakes(store: BucketStore): Promise<number> {
    const rl = new RateLimits(store, { ...limits, generationsPerMinute: 10 }, new ManualClock());
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => rl.take('generation', 'someone')));
    return results.filter((r) => r.status === 'fulfilled').length;
  }

  it('in the database, give exactly their capacity to concurrent takers', async () => {
    const { db, close } = await openTestDatabase(tempDir());
    try {
      expect(await concurrentTakes(new DatabaseBucketStore(db))).toBe(10);
      const keys = await db.selectFrom('rate_limit_buckets').select('key').execute();
      expect(keys.map((k) => k.key).join()).not.toContain('someone');
      const store = new DatabaseBucketStore(db);
      expect(await store.prune(Date.UTC(2026, 0, 1))).toBe(0);
      expect(await store.prune(Date.UTC(2026, 0, 1) + 1)).toBe(1);
    } finally {
      await close();
    }
  });

  it('in Redis, give exactly their capacity to concurrent takers', async () => {
    const store = new RedisBucketStore(testRedisUrl, uniqueRedisPrefix());
    try {
      expect(await concurrentTakes(store)).toBe(10);
    } finally {
      await store.close();
    }
  });
});
