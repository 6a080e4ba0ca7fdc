import { randomUUID } from 'node:crypto';

/** The Redis the tests run against (a real server; ATELIER_TEST_REDIS_URL points elsewhere). */
export const testRedisUrl = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key and channel prefix no other test (or other run on the same Redis) uses. */
export const uniqueRedisPrefix = () => `atelier-test-${randomUUID()}`;
