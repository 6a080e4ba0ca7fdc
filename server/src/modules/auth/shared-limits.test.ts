import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tempDir, type TestApp } from '../../test-support/harness.js';
import { testDatabase } from '../../test-support/test-database.js';
import { ANONYMOUS_STARTS_PER_MINUTE } from './sign-in-challenges.js';
import { DEFAULT_LOOKUP_LIMITS } from '../shares/lookup-limiter.js';

// Two app processes' worth of services on one database: what one counts, the other sees (ADR 0026).
const dataDir = tempDir();
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  first = await createTestApp({ dataDir, config: { workerConcurrency: 0 } });
  second = await createTestApp({ dataDir, config: { workerConcurrency: 0 } });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await (await testDatabase(dataDir)).drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const either = (i: number) => (i % 2 === 0 ? first : second).app;

describe('limits held in the database', () => {
  it('count share-link misses of one client across both instances', async () => {
    const miss = (i: number) => either(i).inject({ url: `/s/no-such-link-${i}`, remoteAddress: '203.0.113.40' });
    for (let i = 0; i < DEFAULT_LOOKUP_LIMITS.missesPer10Minutes; i++) expect((await miss(i)).statusCode).toBe(404);
    const refused = [await miss(0), await miss(1)];
    expect(refused.map((r) => r.statusCode)).toEqual([429, 429]);
    expect(Number(refused[1]!.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not held back.
    expect((await second.app.inject({ url: '/s/no-such-link', remoteAddress: '203.0.113.41' })).statusCode).toBe(404);
  });

  it('count anonymous passkey sign-in starts of one client across both instances', async () => {
    const start = (i: number) => either(i).inject({ method: 'POST', url: '/api/v1/auth/passkey/options', remoteAddress: '203.0.113.50' });
    for (let i = 0; i < ANONYMOUS_STARTS_PER_MINUTE; i++) expect((await start(i)).statusCode).toBe(200);
    const refused = await start(1);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
  });
});
