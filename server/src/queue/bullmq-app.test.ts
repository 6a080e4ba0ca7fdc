import { describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { testRedisUrl, uniqueRedisPrefix } from '../test-support/redis.js';
import { appForFile, waitForGeneration } from '../test-support/harness.js';
import { BullmqJobQueue } from './bullmq-queue.js';
import { until } from './job-queue.contract.js';

const deployment = { ...testConfig('unused').deployment, redisUrl: testRedisUrl, redisPrefix: uniqueRedisPrefix() };

const { t, people: [alice] } = appForFile({ people: 1, config: { deployment } });

describe('the app on BullMQ', () => {
  it('runs generations and exports through Redis', async () => {
    expect(t.services.queue).toBeInstanceOf(BullmqJobQueue);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: alice!.headers,
      payload: { prompt: 'a paper boat on a pond', size: '64x64', count: 3 } });
    expect(res.statusCode).toBe(202);
    const g = await waitForGeneration(t.app, alice!, res.json().id);
    expect(g.status).toBe('succeeded');
    expect(g.outputs.filter((o: { asset?: unknown }) => o.asset)).toHaveLength(3);
    // The embedded queue's table stays empty: the job went through Redis.
    expect(await t.services.db.selectFrom('jobs').select('id').execute()).toEqual([]);

    const exp = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: alice!.headers });
    expect(exp.statusCode).toBe(202);
    await until(async () => (await t.app.inject({ url: `/api/v1/me/exports/${exp.json().id}`, headers: { cookie: alice!.cookie } })).json().status === 'ready', 30_000);
  });

  it('cancels a generation that is running in a worker', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: alice!.headers,
      payload: { prompt: 'a long night of stars', size: '2048x2048', count: 15 } });
    const id = res.json().id;
    await until(async () => (await t.app.inject({ url: `/api/v1/generations/${id}`, headers: { cookie: alice!.cookie } })).json().status === 'running');
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${id}/cancel`, headers: alice!.headers });
    expect(cancel.json().status).toBe('canceled');
    const g = await waitForGeneration(t.app, alice!, id);
    expect(g.status).toBe('canceled');
    expect(g.outputs.filter((o: { asset?: unknown }) => o.asset).length).toBeLessThan(15);
  });
});
