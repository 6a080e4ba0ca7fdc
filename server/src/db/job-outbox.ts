import type { Transaction } from 'kysely';
import { newId } from '../lib/ids.js';
import type { Clock } from '../lib/clock.js';
import type { Db } from './database.js';
import { PreparedQuery } from './prepared-query.js';
import type { Database } from './schema.js';
import type { JobRequest } from '../queue/job-queue.js';

export type OutboxJob = Omit<JobRequest, 'id'>;

/**
 * The transactional outbox of jobs (ADR 0009). A module that queues work writes the job here inside the
 * transaction that writes the job's subject, so the two are durable together; after the commit it calls
 * `committed()`, and the relay (queue/outbox-relay.ts) hands the job to the queue and deletes the row. A process
 * that dies in between leaves the row, and a relay hands it over later: the job is never lost, and the queue's
 * enqueue is idempotent by id, so a job handed over twice runs once.
 */
export class JobOutbox {
  private readonly listeners: Array<() => void> = [];

  private readonly insertQuery = new PreparedQuery((p: Required<Omit<JobRequest, 'maxAttempts'>> & { maxAttempts: number | null; now: number }) =>
    this.db.insertInto('job_outbox').values({
      id: p.id, kind: p.kind, subject_id: p.subjectId, user_id: p.userId, cost: p.cost, max_attempts: p.maxAttempts, created_at: p.now,
    }));

  constructor(private readonly db: Db, private readonly clock: Clock) {}

  /** Writes the job in the caller's transaction; returns the job's id. */
  async addIn(trx: Transaction<Database>, job: OutboxJob): Promise<string> {
    const id = newId();
    await this.insertQuery.executeChanges(trx, {
      id, kind: job.kind, subjectId: job.subjectId, userId: job.userId, cost: job.cost, maxAttempts: job.maxAttempts ?? null,
      now: this.clock.now(),
    });
    return id;
  }

  /** Tells the relay that a transaction holding jobs committed: they can be handed over now. */
  committed(): void {
    for (const listener of this.listeners) listener();
  }

  onCommitted(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The oldest jobs waiting, at most `limit`, written at or before `writtenBy` (all when omitted). */
  async waiting(limit: number, writtenBy?: number): Promise<JobRequest[]> {
    let q = this.db.selectFrom('job_outbox').selectAll();
    if (writtenBy !== undefined) q = q.where('created_at', '<=', writtenBy);
    const rows = await q.orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id, kind: r.kind, subjectId: r.subject_id, userId: r.user_id, cost: r.cost, maxAttempts: r.max_attempts ?? undefined,
    }));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('job_outbox').where('id', 'in', ids).execute();
  }

  /** Account erasure: the person's jobs not yet handed over. */
  async eraseUser(userId: string): Promise<void> {
    await this.db.deleteFrom('job_outbox').where('user_id', '=', userId).execute();
  }
}
