import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The Redis the tests run against (a real server; ATELIER_TEST_REDIS_URL points elsewhere). */
export const testRedisUrl = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key and channel prefix no other test (or other run on the same Redis) uses. */
export const uniqueRedisPrefix = () => `atelier-test-${randomUUID()}`;

/** The ids of the connections to Redis that gave themselves `name` (CLIENT SETNAME). */
export async function connectionIdsNamed(admin: Redis, name: string): Promise<string[]> {
  const lines = ((await admin.client('LIST')) as string).split('\n').filter((line) => line.includes(` name=${name} `));
  return lines.map((line) => /\bid=(\d+)/.exec(line)![1]!);
}

/** Breaks those connections from the server's side, as a Redis restart or a network cut would. */
export async function killConnectionsNamed(admin: Redis, name: string): Promise<string[]> {
  const ids = await connectionIdsNamed(admin, name);
  for (const id of ids) await admin.client('KILL', 'ID', id);
  return ids;
}
