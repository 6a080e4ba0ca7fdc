import { Queue, Worker } from 'bullmq';
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
