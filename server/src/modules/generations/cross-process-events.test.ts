import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { createTestApp, signUp, tempDir, type TestApp } from '../../test-support/harness.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import { followSse } from '../../test-support/sse-client.js';

const apps: TestApp[] = [];
const dataDir = tempDir();
afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('streams a generation run by a worker in another process, over Redis, from snapshot to final status', async () => {
  const deployment = { redisUrl: testRedisUrl, redisPrefix: uniqueRedisPrefix() };
  // A serves the API only; B, over the same database and blobs, is the one with workers.
  const api = await createTestApp({ dataDir, config: { deployment, runWorkers: false } });
  apps.push(api);
  const alice = await signUp(api.app);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.app.server.address() as AddressInfo).port;

  const res = await api.app.inject({ method: 'POST', url: '/api/v1/generations', headers: alice.headers, payload: { prompt: 'far away lights', size: '64x64', count: 3 } });
  expect(res.statusCode).toBe(202);
  const id = res.json().id as string;
  const stream = followSse(port, `/api/v1/generations/${id}/events`, alice.cookie);
  expect(await stream.first).toMatchObject({ event: 'generation', data: { id, status: 'queued' } });

  // No worker has seen the job yet, so every event of the run is published after the stream subscribed.
  apps.push(await createTestApp({ dataDir, config: { deployment, runWorkers: true, workerConcurrency: 1 } }));
  const events = await stream.ended;

  const live = events.slice(1, -1).filter((e) => e.event !== 'progress');
  expect(live.map((e) => e.event)).toEqual(['status', 'image', 'image', 'image', 'status']);
  expect(live[0]!.data).toEqual({ type: 'status', status: 'running' });
  expect(live[4]!.data).toEqual({ type: 'status', status: 'succeeded' });
  const final = events[events.length - 1]!;
  expect(final).toMatchObject({ event: 'generation', data: { id, status: 'succeeded' } });
  const announced = live.filter((e) => e.event === 'image').map((e) => [e.data.index, e.data.asset.id]);
  const stored = final.data.outputs.map((o: any) => [o.index, o.asset.id]);
  expect(announced.sort()).toEqual(stored.sort());
});
