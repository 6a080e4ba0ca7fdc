import type { Transaction } from 'kysely';
import type { Database, Job } from '../db/schema.js';

export interface EnqueueRequest {
  kind: string;
  subjectId: string;
  userId: string;
  /** Work units (e.g. images in a set): fair scheduling charges users by cost, so one big set cannot starve others. */
  cost: number;
  maxAttempts?: number;
}

export interface RunningJob<S = undefined> {
  job: Job;
  /** Aborted when the job is cancelled or its lease is lost. */
  signal: AbortSignal;
  /** What the kind's `startIn` returned inside the transaction that took the job (undefined without one). */
  started: S;
  /**
   * Marks the job done inside the caller's transaction, so it ends exactly when the handler's last write commits
   * (one commit instead of two). Fenced like the queue's own finish: false when this worker no longer holds the job.
   * A handler that returns without calling it is marked done by the queue.
   */
  completeIn(trx: Transaction<Database>): Promise<boolean>;
}

export type JobHandler<S = undefined> = (running: RunningJob<S>) => Promise<void>;

/**
 * Runs inside the transaction that takes a job (not for a job past its last attempt): the subject changes state
 * in the same commit as the job. Its result reaches the handler as `started`; undefined means there is nothing
 * to do (the subject is gone or already ended), and the job is marked done without running the handler.
 */
export type JobStart<S> = (trx: Transaction<Database>, job: Job) => Promise<S | undefined>;

/** Thrown by a handler to ask for another attempt later (e.g. a provider's 429). */
export class RetryableJobError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

export interface JobQueue {
  /** Writes the job inside the caller's transaction, so the job is durable exactly when the subject is. */
  enqueueIn(trx: Transaction<Database>, req: EnqueueRequest): Promise<string>;
  /** Called once per job enqueued, after its transaction committed: wakes one idle worker. */
  notify(): void;
  /** Registers the handler for a kind; starting with a kind that has no handler, or two, is refused. */
  handle<S = undefined>(kind: string, handler: JobHandler<S>, onExhausted: (job: Job, lastError: string) => Promise<void>,
    startIn?: JobStart<S>): void;
  start(concurrency: number): void;
  cancelSubject(subjectId: string): Promise<void>;
  /** Account erasure: cancels the person's unfinished jobs (running ones are aborted) and forgets every job of theirs. */
  eraseUser(userId: string): Promise<void>;
  /** Log retention: forgets jobs that ended (done or canceled) before `cutoff`; returns how many. */
  purgeEndedBefore(cutoff: number): Promise<number>;
  stop(): Promise<void>;
}
