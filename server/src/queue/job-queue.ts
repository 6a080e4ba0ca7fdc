/**
 * A job to run: what to do (kind), on what (subject), for whom. The id is chosen by the caller and makes
 * enqueuing idempotent: a job whose id the queue already knows is not added again (the outbox relay may hand
 * the same job over twice after a crash; see db/job-outbox.ts).
 */
export interface JobRequest {
  id: string;
  kind: string;
  subjectId: string;
  userId: string;
  /** Work units (e.g. images in a set): fair scheduling charges users by cost, so one big set cannot starve others. */
  cost: number;
  maxAttempts?: number;
}

/** A job as a worker sees it. */
export interface QueuedJob {
  id: string;
  kind: string;
  subjectId: string;
  userId: string;
  /** This attempt's number, from 1. */
  attempts: number;
  maxAttempts: number;
}

export interface RunningJob {
  job: QueuedJob;
  /** Aborted when the job is cancelled or its lease is lost. */
  signal: AbortSignal;
}

/**
 * Runs one attempt of a job. Handlers are idempotent: a job may run again after its worker died (or after a crash
 * between the end of its work and the queue hearing of it), so a handler first checks its subject's own state
 * (e.g. a generation that already ended) and does nothing when there is nothing left to do.
 */
export type JobHandler = (running: RunningJob) => Promise<void>;

/** Called once when a job failed its last attempt (or could not run at all). */
export type JobExhausted = (job: QueuedJob, lastError: string) => Promise<void>;

/** Wait before attempt `attempts + 1` when the handler named none: 1 s, 2 s, 4 s… up to a minute. */
export function retryBackoffMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** (attempts - 1));
}

/** Thrown by a handler to ask for another attempt later (e.g. a provider's 429). */
export class RetryableJobError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * The job queue seam: the embedded queue keeps jobs in the application database; at scale, BullMQ on Redis. It
 * knows nothing of the database transactions of the modules that queue work: they write their job into the
 * transactional outbox (db/job-outbox.ts) in the same commit as their subject, and the outbox relay hands it
 * to the queue after the commit (ADR 0009).
 */
export interface JobQueue {
  /** Adds a job, or does nothing when a job with this id exists. Resolves once the job is durable. */
  enqueue(req: JobRequest): Promise<void>;
  /** `enqueue` for several jobs, in order (in one transaction where the queue has them). */
  enqueueAll(reqs: readonly JobRequest[]): Promise<void>;
  /** Registers the handler for a kind; starting with a kind that has no handler, or two, is refused. */
  handle(kind: string, handler: JobHandler, onExhausted: JobExhausted): void;
  /** Starts `concurrency` workers in this process. */
  start(concurrency: number): void;
  /** Cancels the subject's queued and running jobs (a running one is aborted wherever it runs). */
  cancelSubject(subjectId: string): Promise<void>;
  /** Account erasure: cancels the person's unfinished jobs (running ones are aborted) and forgets every job of theirs. */
  eraseUser(userId: string): Promise<void>;
  /** Log retention: forgets jobs that ended (done or canceled) before `cutoff`; returns how many. */
  purgeEndedBefore(cutoff: number): Promise<number>;
  /** Resolves when jobs can be queued now (readiness probe); rejects with the reason otherwise. */
  ready(): Promise<void>;
  stop(): Promise<void>;
}
