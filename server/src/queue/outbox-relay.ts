import type { JobOutbox } from '../db/job-outbox.js';
import type { Clock } from '../lib/clock.js';
import type { JobQueue } from './job-queue.js';

export interface OutboxRelayOptions {
  /** How often waiting jobs left by another (perhaps dead) process are looked for. */
  sweepMs: number;
  /** A job waiting this long was not handed over by the process that wrote it: any relay takes it then. */
  staleMs: number;
  batch?: number;
  onError?: (err: unknown) => void;
}

/**
 * Hands jobs from the outbox to the queue: at once after a commit of this process, and by a periodic sweep for
 * jobs that a process wrote and did not hand over (it crashed between its commit and the queue). Each job is
 * enqueued before its outbox row is deleted, so a crash in between hands it over twice, which the queue's
 * idempotent enqueue absorbs.
 */
export class OutboxRelay {
  private draining: Promise<void> | undefined;
  /** What the next round of the running drain must cover (jobs written by then), if it must run again. */
  private nextRound: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly batch: number;

  constructor(private readonly outbox: JobOutbox, private readonly queue: JobQueue, private readonly clock: Clock,
    private readonly opts: OutboxRelayOptions) {
    this.batch = opts.batch ?? 100;
  }

  /** Hands over whatever is waiting now (left by an earlier run), then follows commits and sweeps. */
  start(): void {
    this.outbox.onCommitted(() => void this.drain());
    void this.drain();
    this.timer = setInterval(() => void this.drain(this.clock.now() - this.opts.staleMs), this.opts.sweepMs);
    this.timer.unref();
  }

  /**
   * Hands over the waiting jobs (those written by `writtenBy`, or all). One drain runs at a time; a call during a
   * drain makes it look once more when it ends, so a commit is never left waiting for the next sweep.
   */
  drain(writtenBy = Number.POSITIVE_INFINITY): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining) {
      this.nextRound = Math.max(this.nextRound ?? writtenBy, writtenBy);
      return this.draining;
    }
    this.draining = (async () => {
      try {
        let round: number | undefined = writtenBy;
        while (round !== undefined && !this.stopped) {
          this.nextRound = undefined;
          await this.handOver(round);
          round = this.nextRound;
        }
      } catch (err) {
        this.opts.onError?.(err);
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
  }

  private async handOver(writtenBy: number): Promise<void> {
    for (;;) {
      const jobs = await this.outbox.waiting(this.batch, Number.isFinite(writtenBy) ? writtenBy : undefined);
      if (jobs.length === 0) return;
      await this.queue.enqueueAll(jobs);
      await this.outbox.remove(jobs.map((j) => j.id));
      if (jobs.length < this.batch || this.stopped) return;
    }
  }
}
