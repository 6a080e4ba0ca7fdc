import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressLimitedRoutes } from '../../http/rate-limit.js';
import { ManualClock } from '../../lib/clock.js';
import { createTestApp, signUp, type TestApp } from '../../test-support/harness.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import { image, multipart } from '../assets/test-fixtures.js';
import { RateLimits } from './rate-limits.js';
import { RedisBucketStore } from './redis-bucket-store.js';
import { NO_RATE_LIMITS } from './test-fixtures.js';


describe('per-address limits over HTTP', () => {
  const clock = new ManualClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      clock, config: { workerConcurrency: 0, billing: { rateLimits: { ...NO_RATE_LIMITS, generationsPerMinutePerAddress: 3, uploadsPerMinutePerAddress: 2 } } },
    });
  });
  afterAll(() => t.close());

  it('limit per address the routes that start a job, store an upload, sign up, or answer anyone (each route declares it)', () => {
    const generates = ['generation-address'];
    const anonymous = ['anonymous'];
    expect(Object.fromEntries(addressLimitedRoutes(t.app))).toEqual({
      'POST /api/v1/auth/signup': ['signup'],
      'POST /api/v1/auth/signup/confirm': anonymous,
      'POST /api/v1/auth/password-reset': anonymous,
      'POST /api/v1/auth/password-reset/confirm': anonymous,
      'POST /api/v1/auth/verify': anonymous,
      'POST /api/v1/auth/login/mfa': anonymous,
      'POST /api/v1/analytics/events': anonymous,
      'GET /v1/image-links/:assetId': anonymous,
      'HEAD /v1/image-links/:assetId': anonymous,
      'POST /api/v1/generations': generates,
      'POST /api/v1/edits': generates,
      'POST /api/v1/generations/:id/rerun': generates,
      'POST /api/v1/batches': generates,
      'POST /api/v1/workflows/:id/runs': generates,
      'POST /v1/images/generations': generates,
      'POST /v1/images/edits': ['generation-address', 'upload-address'],
      'POST /api/v3/images/generations': generates,
      'POST /api/v1/assets': ['upload-address'],
      'POST /api/v1/assets/masks': ['upload-address'],
      'POST /api/v1/support': ['support-address'],
    });
  });

  it('share one bucket of generations and edits between every account of an address, and leave other addresses alone', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const from = (who: typeof a, remoteAddress: string, url = '/api/v1/generations', payload: object = { prompt: 'rain', size: '64x64' }) =>
      t.app.inject({ method: 'POST', url, headers: who.headers, payload, remoteAddress });
    expect((await from(a, '198.51.100.1')).statusCode).toBe(202);
    expect((await from(b, '198.51.100.1')).statusCode).toBe(202);
    expect((await from(a, '198.51.100.1')).statusCode).toBe(202);
    const refused = await from(b, '198.51.100.1', '/api/v1/edits', { assetId: 'x', instruction: 'crop' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('20');
    expect(refused.json().error.message).toContain('generations and edits from your address');
    // Signed out, the address still pays (the limit runs before authentication).
    const signedOut = await t.app.inject({ method: 'POST', url: '/v1/images/generations', payload: { prompt: 'rain' }, remoteAddress: '198.51.100.1' });
    expect(signedOut.statusCode).toBe(429);
    expect((await from(b, '198.51.100.2')).statusCode).toBe(202);
    clock.advance(20_000);
    expect((await from(b, '198.51.100.1')).statusCode).toBe(202);
  });

  it('limit uploads per address', async () => {
    const a = await signUp(t.app);
    const upload = async () => {
      const body = multipart({ data: await image('png', 24, 16), filename: 'a.png', contentType: 'image/png' });
      return t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...a.headers, ...body.headers }, payload: body.payload, remoteAddress: '203.0.113.9' });
    };
    expect((await upload()).statusCode).toBe(201);
    expect((await upload()).statusCode).toBe(201);
    const refused = await upload();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('uploads from your address');
  });
});

describe('per-address limits on the anonymous endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { workerConcurrency: 0, billing: { rateLimits: { ...NO_RATE_LIMITS, generationsPerMinutePerAddress: 0, uploadsPerMinutePerAddress: 0, anonymousPerMinute: 4 } } } });
  });
  afterAll(() => t.close());

  it('share one bucket per address between password reset, its confirmation, verification and the second step of a login', async () => {
    const from = (url: string, payload: object, remoteAddress = '192.0.2.7') => t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress });
    expect((await from('/auth/password-reset', { email: 'someone@example.test' })).statusCode).toBe(202);
    expect((await from('/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'a new long password' })).statusCode).toBe(400);
    expect((await from('/auth/verify', { token: 'x'.repeat(43) })).statusCode).toBe(400);
    expect((await from('/auth/login/mfa', { code: '123456' })).statusCode).toBe(401);
    for (const [url, payload] of [['/auth/password-reset', { email: 'someone@example.test' }], ['/auth/verify', { token: 'x'.repeat(43) }], ['/auth/login/mfa', { code: '123456' }]] as const) {
      const refused = await from(url, payload);
      expect(refused.statusCode, url).toBe(429);
      expect(refused.json().error.message).toContain('requests from your address');
    }
    expect((await from('/auth/password-reset', { email: 'someone@example.test' }, '192.0.2.8')).statusCode).toBe(202);
  });
});

describe('per-address limits in Redis', () => {
  it('refuse the address past its capacity, whoever signs in from it', async () => {
    const store = new RedisBucketStore(testRedisUrl, uniqueRedisPrefix());
    const clock = new ManualClock();
    const limits = new RateLimits(store, { ...NO_RATE_LIMITS, generationsPerMinutePerAddress: 2, uploadsPerMinutePerAddress: 1 }, clock);
    try {
      await limits.take('generation-address', '198.51.100.1');
      await limits.take('generation-address', '198.51.100.1');
      await expect(limits.take('generation-address', '198.51.100.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      await limits.take('generation-address', '198.51.100.2');
      await limits.take('upload-address', '198.51.100.1');
      await expect(limits.take('upload-address', '198.51.100.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      clock.advance(30_000);
      await limits.take('generation-address', '198.51.100.1');
    } finally {
      await store.close();
    }
  });
});
