/**
 * A server process that dies where the outbox must save the day (run by queue/outbox-crash.test.ts):
 * it accepts one generation, and its queue stops for good at `point` — right after the generation's commit and
 * before the queue has the job (`before-enqueue`), or after the queue has it and before the outbox row is gone
 * (`after-enqueue`). It then prints `STOPPED <point> <userId> <generationId>` and waits to be killed.
 *
 * Usage: node --import tsx outbox-crash-child.ts <dataDir> <before-enqueue|after-enqueue> [postgres://… of its database]
 */
import { testConfig } from '../config.js';
import type { JobQueue } from '../queue/job-queue.js';
import { createServices } from '../services.js';
import { signUpAccount } from './signup.js';

const [dataDir, point, databaseUrl] = process.argv.slice(2);
if (!dataDir || (point !== 'before-enqueue' && point !== 'after-enqueue')) {
  console.error('usage: outbox-crash-child <dataDir> <before-enqueue|after-enqueue>');
  process.exit(2);
}

const ids = { user: '', generation: '' };
const stopHere = async (): Promise<never> => {
  // The relay may reach the queue before generate() has returned the id to this script.
  while (!ids.generation) await new Promise((r) => setTimeout(r, 5));
  process.stdout.write(`STOPPED ${point} ${ids.user} ${ids.generation}\n`);
  return new Promise<never>(() => {});
};

function stalling(queue: JobQueue): JobQueue {
  return Object.assign(Object.create(queue) as JobQueue, {
    async enqueueAll(reqs: Parameters<JobQueue['enqueueAll']>[0]) {
      if (reqs.length === 0) return;
      if (point === 'after-enqueue') await queue.enqueueAll(reqs);
      return stopHere();
    },
  });
}

const base = testConfig(dataDir);
const config = testConfig(dataDir, { runWorkers: false, deployment: { ...base.deployment, databaseUrl: databaseUrl || undefined } });
const services = await createServices(config, { decorateQueue: stalling });
const { user } = await signUpAccount(services, { email: 'crash@example.test', password: 'correct horse battery', name: 'Crash' });
ids.user = user.id;
const g = await services.generations.generate(user.id, { prompt: 'a lighthouse at dusk', count: 2, size: '512x512' });
ids.generation = g.id;
