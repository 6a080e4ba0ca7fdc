import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomToken } from '../lib/ids.js';
import { testRedisUrl as REDIS_URL, uniqueRedisPrefix } from '../test-support/redis.js';
import { BullmqJobQueue } from './bullmq-queue.js';
import { describeJobQueueContract, type QueueOptions } from './job-queue.contract.js';

let prefix = uniqueRedisPrefix();
const made: BullmqJobQueue[] = [];
const inspectors: Array<{ queue: Queue; connection: Redis }> = [];
const options = (o: QueueOptions = {}) => ({ redisUrl: REDIS_URL, prefix, leaseMs: o.leaseMs ?? 1000, maxAttempts: o.maxAttempts ?? 3 });

describeJobQueueContract('BullMQ (Redis)', {
  async make(opts) {
    const queue = new BullmqJobQueue(options(opts));
    made.push(queue);
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const inspect = new Queue('jobs', { connection, prefix });
    inspectors.push({ queue: inspect, connection });
    return {
      queue,
      async state(id) {
        const job = await inspect.getJob(id);
        if (!job) return undefined;
        const state = await job.getState();
        if (state === 'active') return 'running';
        if (state === 'completed' || state === 'failed') return 'done';
        return 'queued';
      },
    };
  },
  async takeAndDie(opts) {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker('jobs', null, { connection, prefix, lockDuration: opts?.leaseMs ?? 1000, autorun: false });
    const job = await worker.getNextJob(randomToken(8));
    // The process "dies": its connection drops, nothing renews the lock or ends the job.
    connection.disconnect();
    return (job?.data as { subjectId: string } | undefined)?.subjectId;
  },
  async cleanup() {
    const queues = made.splice(0);
    await Promise.all(queues.map((q) => q.stop()));
    for (const { queue, connection } of inspectors.splice(0)) {
      await queue.close();
      connection.disconnect();
    }
    const wipe = new BullmqJobQueue(options());
    await wipe.obliterate();
    await wipe.stop();
    prefix = uniqueRedisPrefix();
  },
});

describe('BullmqJobQueue fairness bookkeeping', () => {
  it('counts a job handed over twice, even at the same moment, once in its user\'s outstanding work', async () => {
    const queue = new BullmqJobQueue(options());
    made.push(queue);
    const redis = new Redis(REDIS_URL);
    try {
      const job = { id: randomToken(8), kind: 'test', subjectId: 'twice', userId: 'u-twice', cost: 5 };
      await Promise.all([queue.enqueue(job), queue.enqueue(job), queue.enqueue(job)]);
      await queue.enqueue(job);
      expect(await redis.get(`${prefix}:jobs:fair:u-twice`)).toBe('5');
    } finally {
      redis.disconnect();
      await queue.stop();
      made.splice(made.indexOf(queue), 1);
      const wipe = new BullmqJobQueue(options());
      await wipe.obliterate();
      await wipe.stop();
    }
  });
});
