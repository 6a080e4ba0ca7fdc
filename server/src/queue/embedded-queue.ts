import { sql } from 'kysely';
import type { ExpressionBuilder, SelectQueryBuilder, Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import { greatest, lockedSkippingOthers } from '../db/dialect.js';
import { PreparedQuery } from '../db/prepared-query.js';
import type { Database, Job, JobStatus } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import { randomToken } from '../lib/ids.js';
import { RetryableJobError, retryBackoffMs, type JobExhausted, type JobHandler, type JobQueue, type JobRequest, type QueuedJob } from './job-queue.js';

export interface EmbeddedQueueOptions {
  leaseMs: number;
  maxAttempts: number;
  pollMs?: number;
  workerId?: string;
  onError?: (err: unknown, job?: Job) => void;
}

interface Registration {
  handler: JobHandler;
  onExhausted: JobExhausted;
}

/** The row of a job as the worker that runs it sees it. */
export function queuedJob(row: Job): QueuedJob {
  return { id: row.id, kind: row.kind, subjectId: row.subject_id, userId: row.user_id, attempts: row.attempts, maxAttempts: row.max_attempts };
}

const GLOBAL_CLOCK = '';

// Literals, not parameters: the indexes of queued and running jobs are partial on these values (migration 0007),
// and SQLite re-plans a statement at every binding of a parameter that decides whether a partial index applies.
const QUEUED = sql.lit<JobStatus>('queued');
const RUNNING = sql.lit<JobStatus>('running');

/** The next queued job a worker may take: looked up (a read), and taken (an update that returns it). */
interface QueuedQueries {
  ready: PreparedQuery<{ now: number }, { id: string }>;
  take: PreparedQuery<{ now: number }, Job>;
}

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
  /** notify() calls not yet matched by a worker waking up (capped at the number of workers). */
  private pendingWakes = 0;
  private wakeScheduled = false;
  /** Expired leases are looked for at most this often, not on every claim. */
  private readonly leaseSweepMs: number;
  private nextLeaseSweep = 0;
  private stopped = false;
  private readonly workerId: string;
  private readonly pollMs: number;

  // The statements of every job's path, compiled once (see PreparedQuery).
  private readonly fairKeyQuery = new PreparedQuery((p: { userId: string; cost: number }) =>
    this.db.insertInto('queue_state')
      .values({
        user_id: p.userId,
        last_key: sql<number>`coalesce((select max(last_key) from queue_state where user_id in (${GLOBAL_CLOCK}, ${p.userId})), 0) + ${p.cost}`,
      })
      // Two enqueues of one user at once (PostgreSQL runs them side by side) both read the same max; the second
      // upsert then sees the first's row and goes one cost past it, so their jobs keep distinct, ordered keys.
      .onConflict((oc) => oc.column('user_id').doUpdateSet({
        last_key: greatest(this.db, sql.ref<number>('excluded.last_key'), sql<number>`queue_state.last_key + ${p.cost}`),
      }))
      .returning('last_key'));

  private readonly insertJobQuery = new PreparedQuery((p: Omit<Job, 'attempts'>) =>
    this.db.insertInto('jobs').values({
      id: p.id, kind: p.kind, subject_id: p.subject_id, user_id: p.user_id, status: p.status, fair_key: p.fair_key, cost: p.cost,
      max_attempts: p.max_attempts, worker_id: p.worker_id, lease_until: p.lease_until, run_after: p.run_after,
      last_error: p.last_error, created_at: p.created_at, updated_at: p.updated_at,
    }).onConflict((oc) => oc.column('id').doNothing()));

  private readonly jobExistsQuery = new PreparedQuery((p: { id: string }) =>
    this.db.selectFrom('jobs').select('id').where('id', '=', p.id));

  private readonly takeExpiredQuery = new PreparedQuery((p: { now: number }) =>
    this.takeQuery(p.now, RUNNING, (eb) => eb.selectFrom('jobs').select('id')
      .where('status', '=', RUNNING).where('lease_until', '<', p.now)
      .orderBy('lease_until').limit(1)));

  /** By the list of handled kinds, which is fixed once workers run. */
  private readonly queuedQueries = new Map<string, QueuedQueries>();

  private readonly advanceClockQuery = new PreparedQuery((p: { key: number }) =>
    this.db.insertInto('queue_state').values({ user_id: GLOBAL_CLOCK, last_key: p.key })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({
        last_key: greatest(this.db, sql.ref<number>('queue_state.last_key'), sql.ref<number>('excluded.last_key')),
      })));

  private readonly extendLeaseQuery = new PreparedQuery((p: { id: string; workerId: string; leaseUntil: number; now: number }) =>
    this.db.updateTable('jobs').set({ lease_until: p.leaseUntil, updated_at: p.now })
      .where('id', '=', p.id).where('worker_id', '=', p.workerId).where('status', '=', 'running'));

  private readonly finishQuery = new PreparedQuery((p: { id: string; workerId: string; status: 'done'; lastError: string | null; now: number }) =>
    this.db.updateTable('jobs').set({ status: p.status, lease_until: null, last_error: p.lastError, updated_at: p.now })
      .where('id', '=', p.id).where('worker_id', '=', p.workerId).where('status', '=', 'running'));

  constructor(private readonly db: Db, private readonly clock: Clock, private readonly opts: EmbeddedQueueOptions) {
    this.workerId = opts.workerId ?? `w-${process.pid}-${randomToken(6)}`;
    this.pollMs = opts.pollMs ?? 500;
    this.leaseSweepMs = Math.min(this.pollMs, Math.max(1, Math.floor(opts.leaseMs / 4)));
  }

  /**
   * One transaction: the job (unless its id is already known, as when the outbox hands a job over again after a
   * crash) with its virtual finish time. Then wakes a worker of this process.
   */
  enqueue(req: JobRequest): Promise<void> {
    return this.enqueueAll([req]);
  }

  /** One transaction for the whole batch (the outbox relay hands jobs over in batches). */
  async enqueueAll(reqs: readonly JobRequest[]): Promise<void> {
    if (reqs.length === 0) return;
    const added = await this.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const req of reqs) if (await this.insertIn(trx, req)) n += 1;
      return n;
    });
    for (let i = 0; i < added; i++) this.notify();
  }

  /** Writes the job unless its id is known, with its virtual finish time; false when it was known. */
  private async insertIn(trx: Transaction<Database>, req: JobRequest): Promise<boolean> {
    if (await this.jobExistsQuery.executeTakeFirst(trx, { id: req.id })) return false;
    const cost = Math.max(1, req.cost);
    // Virtual finish time: after the later of the global clock (last job started) and this user's last job.
    const state = await this.fairKeyQuery.executeTakeFirst(trx, { userId: req.userId, cost });
    if (!state) throw new Error('queue_state upsert returned no row');
    const now = this.clock.now();
    await this.insertJobQuery.executeChanges(trx, {
      id: req.id, kind: req.kind, subject_id: req.subjectId, user_id: req.userId, status: 'queued', fair_key: state.last_key, cost,
      max_attempts: req.maxAttempts ?? this.opts.maxAttempts, worker_id: null, lease_until: null, run_after: now,
      last_error: null, created_at: now, updated_at: now,
    });
    return true;
  }

  /**
   * Wakes one idle worker per call (one job was enqueued), on the next turn of the event loop so the caller's
   * HTTP answer goes out before a worker starts on the job (jobs enqueued by another process are found by polling).
   * A call that finds no idle worker is remembered, so a worker about to go idle looks once more instead of
   * sleeping a whole poll interval.
   */
  private notify(): void {
    // More pending wakes than workers would only make idle workers claim in vain.
    this.pendingWakes = Math.min(this.pendingWakes + 1, Math.max(1, this.loops.length));
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      while (this.pendingWakes > 0 && this.wakers.length > 0) {
        this.pendingWakes -= 1;
        this.wakers.shift()!();
      }
    });
  }

  handle(kind: string, handler: JobHandler, onExhausted: JobExhausted): void {
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

  async eraseUser(userId: string): Promise<void> {
    const unfinished = await this.db.selectFrom('jobs').select('subject_id').where('user_id', '=', userId)
      .where('status', 'in', ['queued', 'running']).execute();
    for (const { subject_id } of unfinished) await this.cancelSubject(subject_id);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('jobs').where('user_id', '=', userId).execute();
      await trx.deleteFrom('queue_state').where('user_id', '=', userId).execute();
    });
  }

  async purgeEndedBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('jobs').where('status', 'in', ['done', 'canceled']).where('updated_at', '<', cutoff)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** The queue is a table of the application database, which the readiness probe checks on its own. */
  async ready(): Promise<void> {}

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakers.splice(0)) wake();
    for (const c of this.running.values()) c.abort(new Error('shutting down'));
    await Promise.all(this.loops);
  }

  /**
   * Takes the next job: an expired lease first (its worker died; looked for every leaseSweepMs), else the lowest
   * virtual finish time. Each is one `update … where id = (select …) returning *`, so two workers (or processes)
   * can never take the same job.
   */
  async claim(): Promise<Job | undefined> {
    const now = this.clock.now();
    if (now >= this.nextLeaseSweep) {
      const expired = await this.takeExpiredQuery.executeTakeFirst(this.db, { now });
      if (expired) return expired;
      this.nextLeaseSweep = now + this.leaseSweepMs;
    }
    const queued = this.queuedQuery();
    if (!queued) return undefined;
    // Most claims that find nothing are a worker looking again after its job: a read answers them without the
    // write transaction (and its lock and commit) that taking a job needs.
    if (!(await queued.ready.executeTakeFirst(this.db, { now }))) return undefined;
    return this.db.transaction().execute(async (trx) => {
      const job = await queued.take.executeTakeFirst(trx, { now });
      // The global virtual clock moves to the start tag of the job now in service.
      if (job) await this.advanceClockQuery.executeChanges(trx, { key: job.fair_key });
      return job;
    });
  }

  private queuedQuery(): QueuedQueries | undefined {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return undefined;
    const key = kinds.join('\n');
    let queries = this.queuedQueries.get(key);
    if (!queries) {
      const next = (now: number) => this.db.selectFrom('jobs').select('id')
        .where('status', '=', QUEUED).where('run_after', '<=', now).where('kind', 'in', kinds)
        .orderBy('fair_key').orderBy('created_at').limit(1);
      queries = {
        ready: new PreparedQuery((p: { now: number }) => next(p.now)),
        take: new PreparedQuery((p: { now: number }) => this.takeQuery(p.now, QUEUED, () => next(p.now))),
      };
      this.queuedQueries.set(key, queries);
    }
    return queries;
  }

  /** `status` is the picked job's status, checked again by the update: the pick may have read an older version of the row. */
  private takeQuery(now: number, status: typeof QUEUED | typeof RUNNING,
    pick: (eb: ExpressionBuilder<Database, 'jobs'>) => SelectQueryBuilder<Database, 'jobs', { id: string }>) {
    return this.db.updateTable('jobs')
      .set({ status: 'running', worker_id: this.workerId, lease_until: sql<number>`cast(${now} as bigint) + ${this.opts.leaseMs}`,
        attempts: sql<number>`attempts + 1`, updated_at: now })
      .where('id', '=', (eb) => lockedSkippingOthers(this.db, pick(eb)))
      .where('status', '=', status)
      .returningAll();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let claimed: Job | undefined;
      try {
        claimed = await this.claim();
      } catch (err) {
        this.opts.onError?.(err);
      }
      if (!claimed) {
        await this.idle();
        continue;
      }
      try {
        await this.execute(claimed);
      } catch (err) {
        // The job's end could not be written (the database failed): the job keeps its lease until it expires, and
        // is then taken again. This worker carries on with the next one.
        this.opts.onError?.(err, claimed);
      }
    }
  }

  private idle(): Promise<void> {
    // A claim still in flight when stop() woke the sleepers must not go to sleep for a whole poll afterwards.
    if (this.stopped) return Promise.resolve();
    if (this.pendingWakes > 0) {
      // A job was enqueued while this worker was busy or claiming: look again before sleeping.
      this.pendingWakes -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const i = this.wakers.indexOf(done);
        if (i >= 0) this.wakers.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakers.push(done);
    });
  }

  private async execute(job: Job): Promise<void> {
    const reg = this.handlers.get(job.kind);
    if (!reg) return;
    if (job.attempts > job.max_attempts) {
      await this.finish(job, job.last_error ?? 'gave up');
      await reg.onExhausted(queuedJob(job), job.last_error ?? 'The job was interrupted too many times.');
      return;
    }
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const heartbeat = setInterval(() => void this.extendLease(job, controller), Math.max(250, this.opts.leaseMs / 3));
    try {
      await reg.handler({ job: queuedJob(job), signal: controller.signal });
      await this.finish(job, null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (controller.signal.aborted) {
        // Cancelled or lease lost: whoever holds the job now decides its fate.
      } else if (err instanceof RetryableJobError && job.attempts < job.max_attempts) {
        const backoff = err.retryAfterMs ?? retryBackoffMs(job.attempts);
        await this.requeue(job, message, backoff);
      } else {
        this.opts.onError?.(err, job);
        await this.finish(job, message);
        await reg.onExhausted(queuedJob(job), message).catch((e) => this.opts.onError?.(e, job));
      }
    } finally {
      clearInterval(heartbeat);
      this.running.delete(job.id);
    }
  }

  private async extendLease(job: Job, controller: AbortController): Promise<void> {
    try {
      const now = this.clock.now();
      const changed = await this.extendLeaseQuery.executeChanges(this.db,
        { id: job.id, workerId: this.workerId, leaseUntil: now + this.opts.leaseMs, now });
      if (changed === 0) controller.abort(new Error('lease lost or job canceled'));
    } catch (err) {
      this.opts.onError?.(err, job);
    }
  }

  /**
   * Marks the job done. Fenced by worker id: a worker that lost its lease cannot overwrite the new holder's state.
   * Returns the rows changed (0: no longer held).
   */
  private finish(job: Job, lastError: string | null): Promise<number> {
    return this.finishQuery.executeChanges(this.db, { id: job.id, workerId: this.workerId, status: 'done', lastError, now: this.clock.now() });
  }


  private async requeue(job: Job, lastError: string, delayMs: number): Promise<void> {
    const now = this.clock.now();
    await this.db.updateTable('jobs')
      .set({ status: 'queued', worker_id: null, lease_until: null, run_after: now + delayMs, last_error: lastError, updated_at: now })
      .where('id', '=', job.id).where('worker_id', '=', this.workerId).execute();
  }
}
