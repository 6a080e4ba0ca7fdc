import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.js';
import { RetryableJobError, type JobQueue, type RunningJob } from './job-queue.js';

export interface QueueUnderTest {
  queue: JobQueue;
  /** The job's state as the queue keeps it, or undefined when the queue no longer knows it. */
  state(jobId: string): Promise<'queued' | 'running' | 'done' | 'canceled' | undefined>;
}

export interface QueueOptions {
  maxAttempts?: number;
  /** How long a job's lease (its worker's claim) lasts without a heartbeat. */
  leaseMs?: number;
}

export interface QueueFactory {
  /** A queue over the back-end shared by every queue this factory makes in one test. */
  make(opts?: QueueOptions): Promise<QueueUnderTest>;
  /**
   * Takes the next job into a worker that then dies at once: no heartbeat, no end. Returns the subject it took.
   */
  takeAndDie(opts?: QueueOptions): Promise<string | undefined>;
  /** Stops every queue made since the last call and wipes the back-end. */
  cleanup(): Promise<void>;
}

export const until = async (cond: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Behaviour every JobQueue keeps, whatever it runs on (the embedded queue, BullMQ). */
export function describeJobQueueContract(name: string, factory: QueueFactory): void {
  const enqueue = async (q: JobQueue, userId: string, subjectId: string, cost = 1, id = newId()) => {
    await q.enqueue({ id, kind: 'test', subjectId, userId, cost });
    return id;
  };

  describe(`JobQueue contract: ${name}`, () => {
    afterEach(() => factory.cleanup());

    it('runs every enqueued job once and marks it done', async () => {
      const { queue: q, state } = await factory.make();
      const seen: string[] = [];
      q.handle('test', async ({ job }) => void seen.push(job.subjectId), async () => {});
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await enqueue(q, 'u1', `s${i}`));
      q.start(3);
      await until(() => seen.length === 10);
      await until(async () => (await Promise.all(ids.map(state))).every((s) => s === 'done' || s === undefined));
      expect(new Set(seen).size).toBe(10);
    });

    it('enqueues a job once however often its id is handed over', async () => {
      const { queue: q } = await factory.make();
      const seen: string[] = [];
      q.handle('test', async ({ job }) => void seen.push(job.id), async () => {});
      const id = newId();
      await enqueue(q, 'u1', 'once', 1, id);
      await enqueue(q, 'u1', 'once', 1, id);
      await enqueue(q, 'u1', 'marker');
      q.start(1);
      await until(() => seen.length === 2);
      await enqueue(q, 'u1', 'once', 1, id); // after it ran, too
      await enqueue(q, 'u1', 'marker-2');
      await until(() => seen.length === 3);
      expect(seen.filter((s) => s === id)).toHaveLength(1);
    });

    it('refuses two handlers for one kind', async () => {
      const { queue: q } = await factory.make();
      q.handle('test', async () => {}, async () => {});
      expect(() => q.handle('test', async () => {}, async () => {})).toThrow(/Two handlers/);
    });

    it('serves users fairly: a big backlog of one user does not starve another', async () => {
      const { queue: q } = await factory.make();
      const order: string[] = [];
      q.handle('test', async ({ job }) => void order.push(job.userId), async () => {});
      for (let i = 0; i < 15; i++) await enqueue(q, 'heavy', `h${i}`);
      await enqueue(q, 'light', 'l0');
      await enqueue(q, 'light', 'l1');
      q.start(1);
      await until(() => order.length === 17);
      // Both light jobs run within the first few, long before the heavy backlog is drained.
      expect(order.indexOf('light')).toBeLessThan(3);
      expect(order.lastIndexOf('light')).toBeLessThan(5);
    });

    it('charges by cost: a 15-image set waits behind single images enqueued after it', async () => {
      const { queue: q } = await factory.make();
      const order: string[] = [];
      q.handle('test', async ({ job }) => void order.push(job.subjectId), async () => {});
      await enqueue(q, 'a', 'a-small', 1);
      await enqueue(q, 'a', 'a-set', 15);
      await enqueue(q, 'b', 'b-1', 1);
      await enqueue(q, 'b', 'b-2', 1);
      q.start(1);
      await until(() => order.length === 4);
      expect(order.indexOf('b-2')).toBeLessThan(order.indexOf('a-set'));
    });

    it('takes a job again when its worker died and the lease expired', async () => {
      const opts = { leaseMs: 1000 };
      const { queue: first } = await factory.make(opts);
      await enqueue(first, 'u', 's1');
      expect(await factory.takeAndDie(opts)).toBe('s1');

      const { queue: alive } = await factory.make(opts);
      const ran: RunningJob[] = [];
      alive.handle('test', async (r) => void ran.push(r), async () => {});
      alive.start(1);
      await until(() => ran.length === 1, 20_000);
      expect(ran[0]!.job).toMatchObject({ subjectId: 's1', attempts: 2 });
    });

    it('retries a RetryableJobError and gives up after max attempts', async () => {
      const { queue: q } = await factory.make({ maxAttempts: 3 });
      let calls = 0;
      const exhausted: string[] = [];
      q.handle('test', async () => {
        calls++;
        throw new RetryableJobError('busy', 10);
      }, async (_job, lastError) => void exhausted.push(lastError));
      await enqueue(q, 'u', 's');
      q.start(1);
      await until(() => exhausted.length === 1);
      expect(calls).toBe(3);
      expect(exhausted[0]).toBe('busy');
    });

    it('a plain error fails the job at once', async () => {
      const { queue: q } = await factory.make();
      let calls = 0;
      const exhausted: string[] = [];
      q.handle('test', async () => {
        calls++;
        throw new Error('bad input');
      }, async (_j, e) => void exhausted.push(e));
      await enqueue(q, 'u', 's');
      q.start(1);
      await until(() => exhausted.length === 1);
      expect(calls).toBe(1);
      expect(exhausted[0]).toBe('bad input');
    });

    it('cancelling a subject aborts its running handler and does not run its queued jobs', async () => {
      const { queue: q, state } = await factory.make();
      let aborted = false;
      const started: string[] = [];
      q.handle('test', ({ job, signal }) => {
        started.push(job.subjectId);
        return new Promise<void>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        });
      }, async () => {});
      const running = await enqueue(q, 'u', 'running-one');
      q.start(1);
      await until(() => started.length === 1);
      const waiting = await enqueue(q, 'u', 'waiting-one');
      await q.cancelSubject('waiting-one');
      await q.cancelSubject('running-one');
      await until(() => aborted);
      expect(await state(running)).not.toBe('running');
      expect(['canceled', undefined]).toContain(await state(waiting));
      await enqueue(q, 'u', 'after');
      await until(() => started.includes('after'));
      expect(started).not.toContain('waiting-one');
    });

    it('erasing a person cancels their work and forgets their jobs, and leaves others alone', async () => {
      const { queue: q, state } = await factory.make();
      let aborted = 0;
      const started: string[] = [];
      q.handle('test', ({ job, signal }) => {
        started.push(job.subjectId);
        if (job.userId !== 'gone') return Promise.resolve();
        return new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => {
          aborted += 1;
          reject(new Error('aborted'));
        }));
      }, async () => {});
      const theirs = [await enqueue(q, 'gone', 'g1'), await enqueue(q, 'gone', 'g2')];
      const kept = await enqueue(q, 'stays', 'k1');
      q.start(1);
      await until(() => started.includes('g1'));
      await q.eraseUser('gone');
      await until(() => aborted === 1);
      await until(() => started.includes('k1'));
      expect(started).not.toContain('g2');
      for (const id of theirs) expect(await state(id)).toBeUndefined();
      await until(async () => (await state(kept)) === 'done');
    });

    it('forgets ended jobs past retention and keeps the rest', async () => {
      const { queue: q, state } = await factory.make();
      q.handle('test', async () => {}, async () => {});
      const ended = await enqueue(q, 'u', 'ended');
      q.start(1);
      await until(async () => (await state(ended)) === 'done');
      expect(await q.purgeEndedBefore(Date.now() - 60_000)).toBe(0);
      expect(await state(ended)).toBe('done');
      expect(await q.purgeEndedBefore(Date.now() + 60_000)).toBe(1);
      expect(await state(ended)).toBeUndefined();
    });
  });
}
