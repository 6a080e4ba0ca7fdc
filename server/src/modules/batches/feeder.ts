import type { Db } from '../../db/database.js';
import type { BatchRow, User } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { GenerationService } from '../generations/service.js';
import type { WorkflowService } from '../workflows/service.js';
import type { RawRow } from './parse.js';
import { isRun, planRow, type RowPlan } from './plan-row.js';
import type { BatchRepository } from './repository.js';

/** The plan's concurrency, read before a row is released (admission checks it again when the row is written). */
export interface BatchConcurrency {
  /** The most generations the person runs at once; 0 for no limit. */
  maxConcurrentJobs(userId: string): Promise<number>;
}

export interface BatchFeederDeps {
  db: Db;
  repo: BatchRepository;
  generations: Pick<GenerationService, 'planGenerate' | 'enqueueIn' | 'accepted' | 'takeRequestLimit' | 'countActive'>;
  workflows: Pick<WorkflowService, 'planRun' | 'enqueueRunIn' | 'committed'>;
  users: { findById(id: string): Promise<User | undefined> };
  concurrency: BatchConcurrency;
  clock: Clock;
  /** A row refused at its release may have been its batch's last: the batch's end is checked. */
  rowRefused(batchId: string): Promise<void>;
}

type Released = 'released' | 'refused' | 'full' | 'taken';

/**
 * Releases the rows waiting in a person's batches into the queue, one at a time, while their plan's concurrency and
 * their generation rate limit leave room: each row is planned again (its references may be gone since) and written
 * through the same admission as any generation, which reserves its credits. Runs after a batch is accepted, when a
 * generation of the person ends, and on a periodic tick. A row is taken by a conditional update in the transaction
 * that writes its generation, so feeders in several processes release each row once.
 */
export class BatchFeeder {
  private readonly feeding = new Map<string, Promise<void>>();

  constructor(private readonly deps: BatchFeederDeps) {}

  /** Every person with rows waiting (the periodic tick). */
  async feedAll(): Promise<void> {
    for (const userId of await this.deps.repo.usersWaiting()) await this.feed(userId);
  }

  /** Releases what the person's limits allow now; one feed per person at a time in this process. */
  feed(userId: string): Promise<void> {
    const previous = this.feeding.get(userId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.releaseWaiting(userId));
    const tracked = next.finally(() => {
      if (this.feeding.get(userId) === tracked) this.feeding.delete(userId);
    });
    this.feeding.set(userId, tracked.catch(() => {}));
    return next;
  }

  private async releaseWaiting(userId: string): Promise<void> {
    const user = await this.deps.users.findById(userId);
    // A suspended account, or one being deleted, starts nothing: its rows wait (and go with the account).
    if (!user || user.status !== 'active') return;
    for (;;) {
      const row = await this.deps.repo.nextWaiting(userId);
      if (!row || !(await this.hasRoom(userId))) return;
      try {
        await this.deps.generations.takeRequestLimit(userId);
      } catch (err) {
        if (err instanceof AppError && err.code === 'RATE_LIMITED') return;
        throw err;
      }
      if ((await this.release(user, row)) === 'full') return;
    }
  }

  private async hasRoom(userId: string): Promise<boolean> {
    const max = await this.deps.concurrency.maxConcurrentJobs(userId);
    return max === 0 || (await this.deps.generations.countActive(userId)) < max;
  }

  private async release(user: User, row: BatchRow): Promise<Released> {
    const { db, repo, generations, workflows, clock } = this.deps;
    const raw: RawRow = { line: row.line, fields: JSON.parse(row.input ?? '{}') as Record<string, unknown> };
    let plan: RowPlan;
    try {
      plan = await planRow(this.deps, user, raw);
    } catch (err) {
      return this.refuse(row, err);
    }
    try {
      await db.transaction().execute(async (trx) => {
        const subject = isRun(plan)
          ? (await workflows.enqueueRunIn(trx, plan), { workflow_run_id: plan.run.id })
          : { generation_id: (await generations.enqueueIn(trx, user.id, plan)).id };
        // Another feeder released the row first: what was written here is undone.
        if (!(await repo.releaseIn(trx, row, clock.now(), subject))) throw new RowTaken();
      });
    } catch (err) {
      if (err instanceof RowTaken) return 'taken';
      // Another request took the last slot meanwhile: the row waits for the next feed.
      if (err instanceof AppError && err.code === 'PLAN_LIMIT' && err.details?.limit === 'maxConcurrentJobs') return 'full';
      return this.refuse(row, err);
    }
    if (isRun(plan)) workflows.committed([plan]);
    else generations.accepted([plan]);
    return 'released';
  }

  /** A refusal (credits spent elsewhere meanwhile, a reference deleted, …) fails the row; anything else is thrown. */
  private async refuse(row: BatchRow, err: unknown): Promise<Released> {
    if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
    if (await this.deps.repo.refuse(row, this.deps.clock.now(), { code: err.code, message: err.message })) await this.deps.rowRefused(row.batch_id);
    return 'refused';
  }
}

/** Thrown inside the release's transaction to undo it: the row was no longer waiting. */
class RowTaken extends Error {}
