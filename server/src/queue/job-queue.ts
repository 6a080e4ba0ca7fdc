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

export interface RunningJob {
  job: Job;
  /** Aborted when the job is cancelled or its lease is lost. */
  signal: AbortSignal;
}

export type JobHandler = (running: RunningJob) => Promise<void>;

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
  handle(kind: string, handler: JobHandler, onExhausted: (job: Job, lastError: string) => Promise<void>): void;
  start(concurrency: number): void;
  cancelSubject(subjectId: string): Promise<void>;
  stop(): Promise<void>;
}
