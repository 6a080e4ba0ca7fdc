import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, Job } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { RetryableJobError, type EnqueueRequest, type JobHandler, type JobQueue } from './job-queue.js';

export interface EmbeddedQueueOptions {
  leaseMs: number;
  maxAttempts: number;
  pollMs?: number;
  workerId?: string;
  onError?: (err: unknown, job?: Job) => void;
}

interface Registration {
  handler: JobHandler;
  onExhausted: (job: Job, lastError: string) => Promise<void>;
}

const GLOBAL_CLOCK = '';

/**
 * A durable queue in the application database: jobs are rows, workers take them with a lease, a job whose
 * worker died is taken again once its lease expires. Jobs are ordered by weighted fair queuing (virtual finish
 * time per user), so every user gets a turn whatever the size of someone else's backlog.
 */
export class EmbeddedJobQueue implements JobQueue {
  private readonly handlers = new Map<string, Registration>();
  private readonly running = new Map<string, AbortController>();
  private readonly loops: Promise<void>[] = [];
  private wakers: Array<() => void> = [];
  private stopped = false;
  private readonly workerId: string;
  private readonly pollMs: number;

  constructor(private readonly db: Db, private readonly clock: Clock, private readonly opts: EmbeddedQueueOptions) {
    this.workerId = opts.workerId ?? `w-${process.pid}-${newId().slice(0, 8)}`;
    this.pollMs = opts.pollMs ?? 500;
  }

  async enqueueIn(trx: Transaction<Database>, req: EnqueueRequest): Promise<string> {
    const cost = Math.max(1, req.cost);
    const states = await trx.selectFrom('queue_state').selectAll().where('user_id', 'in', [GLOBAL_CLOCK, req.userId]).execute();
    const globalKey = states.find((s) => s.user_id === GLOBAL_CLOCK)?.last_key ?? 0;
    const userKey = states.find((s) => s.user_id === req.userId)?.last_key ?? 0;
    const fairKey = Math.max(globalKey, userKey) + cost;
    await trx
      .insertInto('queue_state')
      .values({ user_id: req.userId, last_key: fairKey })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_key: fairKey }))
      .execute();
    const id = newId();
    const now = this.clock.now();
    await trx
      .insertInto('jobs')
      .values({
        id, kind: req.kind, subject_id: req.subjectId, user_id: req.userId, status: 'queued', fair_key: fairKey, cost,
        max_attempts: req.maxAttempts ?? this.opts.maxAttempts, worker_id: null, lease_until: null, run_after: now,
        last_error: null, created_at: now, updated_at: now,
      })
      .execute();
    return id;
  }

  notify(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  handle(kind: string, handler: JobHandler, onExhausted: (job: Job, lastError: string) => Promise<void>): void {
    if (this.handlers.has(kind)) throw new Error(`Two handlers registered for job kind "${kind}"`);
    this.handlers.set(kind, { handler, onExhausted });
  }

  start(concurrency: number): void {
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop());
  }

  async cancelSubject(subjectId: string): Promise<void> {
    const jobs = await this.db.selectFrom('jobs').select(['id']).where('subject_id', '=', subjectId)
      .where('status', 'in', ['queued', 'running']).execute();
    await this.db.updateTable('jobs').set({ status: 'canceled', updated_at: this.clock.now() })
      .where('subject_id', '=', subjectId).where('status', 'in', ['queued', 'running']).execute();
    for (const j of jobs) this.running.get(j.id)?.abort(new Error('canceled'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    for (const c of this.running.values()) c.abort(new Error('shutting down'));
    await Promise.all(this.loops);
  }

  /** Takes the next job: an expired lease first (its worker died), else the lowest virtual finish time. */
  async claim(): Promise<Job | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      let job = await trx.selectFrom('jobs').selectAll()
        .where('status', '=', 'running').where('lease_until', '<', now)
        .orderBy('lease_until').limit(1).executeTakeFirst();
      job ??= await trx.selectFrom('jobs').selectAll()
        .where('status', '=', 'queued').where('run_after', '<=', now)
        .where('kind', 'in', [...this.handlers.keys()])
        .orderBy('fair_key').orderBy('created_at').limit(1).executeTakeFirst();
      if (!job) return undefined;
      await trx.updateTable('jobs')
        .set({ status: 'running', worker_id: this.workerId, lease_until: now + this.opts.leaseMs,
          attempts: sql<number>`attempts + 1`, updated_at: now })
        .where('id', '=', job.id).execute();
      await trx.insertInto('queue_state').values({ user_id: GLOBAL_CLOCK, last_key: job.fair_key })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_key: sql<number>`max(last_key, excluded.last_key)` }))
        .execute();
      return { ...job, status: 'running' as const, worker_id: this.workerId, attempts: job.attempts + 1 };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let job: Job | undefined;
      try {
        job = await this.claim();
      } catch (err) {
        this.opts.onError?.(err);
      }
      if (!job) {
        await this.idle();
        continue;
      }
      await this.execute(job);
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.push(done);
    });
  }

  private async execute(job: Job): Promise<void> {
    const reg = this.handlers.get(job.kind);
    if (!reg) return;
    if (job.attempts > job.max_attempts) {
      await this.finish(job, 'done', job.last_error ?? 'gave up');
      await reg.onExhausted(job, job.last_error ?? 'The job was interrupted too many times.');
      return;
    }
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const heartbeat = setInterval(() => void this.extendLease(job, controller), Math.max(250, this.opts.leaseMs / 3));
    try {
      await reg.handler({ job, signal: controller.signal });
      await this.finish(job, 'done', null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (controller.signal.aborted) {
        // Cancelled or lease lost: whoever holds the job now decides its fate.
      } else if (err instanceof RetryableJobError && job.attempts < job.max_attempts) {
        const backoff = err.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (job.attempts - 1));
        await this.requeue(job, message, backoff);
      } else {
        this.opts.onError?.(err, job);
        await this.finish(job, 'done', message);
        await reg.onExhausted(job, message).catch((e) => this.opts.onError?.(e, job));
      }
    } finally {
      clearInterval(heartbeat);
      this.running.delete(job.id);
    }
  }

  private async extendLease(job: Job, controller: AbortController): Promise<void> {
    try {
      const now = this.clock.now();
      const res = await this.db.updateTable('jobs').set({ lease_until: now + this.opts.leaseMs, updated_at: now })
        .where('id', '=', job.id).where('worker_id', '=', this.workerId).where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) controller.abort(new Error('lease lost or job canceled'));
    } catch (err) {
      this.opts.onError?.(err, job);
    }
  }

  /** Fenced by worker id: a worker that lost its lease cannot overwrite the new holder's state. */
  private async finish(job: Job, status: 'done', lastError: string | null): Promise<void> {
    await this.db.updateTable('jobs').set({ status, lease_until: null, last_error: lastError, updated_at: this.clock.now() })
      .where('id', '=', job.id).where('worker_id', '=', this.workerId).where('status', '=', 'running').execute();
  }

  private async requeue(job: Job, lastError: string, delayMs: number): Promise<void> {
    const now = this.clock.now();
    await this.db.updateTable('jobs')
      .set({ status: 'queued', worker_id: null, lease_until: null, run_after: now + delayMs, last_error: lastError, updated_at: now })
      .where('id', '=', job.id).where('worker_id', '=', this.workerId).execute();
  }
}
