import { DelayedError, Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { randomToken } from '../lib/ids.js';
import { RetryableJobError, retryBackoffMs, type JobExhausted, type JobHandler, type JobQueue, type JobRequest, type QueuedJob } from './job-queue.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Key prefix of everything this queue keeps in Redis (two installations can share one Redis). */
  prefix?: string;
  leaseMs: number;
  maxAttempts: number;
  onError?: (err: unknown, job?: QueuedJob) => void;
}

interface JobData {
  kind: string;
  subjectId: string;
  userId: string;
  cost: number;
  maxAttempts: number;
  /** Made by the enqueue that added the job (see enqueue). */
  token: string;
}

interface Registration {
  handler: JobHandler;
  onExhausted: JobExhausted;
}

const QUEUE_NAME = 'jobs';
/** BullMQ's largest priority; 0 would mean "before every prioritised job". */
const MAX_PRIORITY = 2_097_151;
/** Ended jobs stay known this long, so an id handed over again by the outbox is recognised. */
const KEEP_ENDED_S = 24 * 3600;
/** Bookkeeping keys (subject and user indexes, cancel marks) outlive any job they point at. */
const INDEX_TTL_S = 7 * 24 * 3600;

/**
 * The job queue at scale: BullMQ on Redis, with workers in any number of processes.
 *
 * - Fair scheduling: a job's priority is its user's outstanding cost (queued and running work, this job
 *   included), so each user's next job competes with everyone else's next job, and a 15-image set waits behind
 *   single images — the embedded queue's weighted fair queuing, with each user's virtual time starting now.
 * - Leases: BullMQ's job lock (lockDuration = the lease), renewed while the handler runs; a job whose worker
 *   died is moved back to waiting by the stalled-job check and taken again.
 * - Cancellation reaches a running job in whichever process runs it through a pub/sub channel; a waiting job is
 *   removed, and a mark stops one that is being taken at that moment.
 */
export class BullmqJobQueue implements JobQueue {
  private readonly handlers = new Map<string, Registration>();
  private readonly prefix: string;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerClient: Redis | undefined;
  private readonly cancelChannel: string;

  constructor(private readonly opts: BullmqQueueOptions) {
    this.prefix = opts.prefix ?? 'atelier';
    this.client = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
    for (const c of [this.client, this.subscriber]) c.on('error', (err) => this.opts.onError?.(err));
    this.queue = new Queue(QUEUE_NAME, { connection: this.client, prefix: this.prefix });
    this.queue.on('error', (err) => this.opts.onError?.(err));
    this.cancelChannel = `${this.prefix}:${QUEUE_NAME}:cancel`;
  }

  /**
   * The job's id is BullMQ's job id, so a job handed over twice is added once. Its cost joins its user's outstanding
   * work only once it was really added (told apart by a token in its data), so a second hand-over, even a concurrent
   * one, does not count it twice.
   */
  async enqueue(req: JobRequest): Promise<void> {
    const cost = Math.max(1, req.cost);
    const token = randomToken(8);
    const data: JobData = {
      kind: req.kind, subjectId: req.subjectId, userId: req.userId, cost, maxAttempts: req.maxAttempts ?? this.opts.maxAttempts, token,
    };
    // Indexed first, so that a cancellation finds the job from the moment it exists.
    await this.client.multi()
      .sadd(this.subjectKey(req.subjectId), req.id).expire(this.subjectKey(req.subjectId), INDEX_TTL_S)
      .sadd(this.userKey(req.userId), req.id).expire(this.userKey(req.userId), INDEX_TTL_S)
      .exec();
    const outstanding = Number((await this.client.get(this.fairKey(req.userId))) ?? 0) + cost;
    await this.queue.add(req.kind, data, {
      jobId: req.id,
      priority: Math.min(MAX_PRIORITY, Math.max(1, outstanding)),
      // Retries are decided by the handler (RetryableJobError); BullMQ's own attempts would retry plain errors.
      attempts: 1,
      removeOnComplete: { age: KEEP_ENDED_S },
      removeOnFail: { age: KEEP_ENDED_S },
    });
    // add() answers with the data it was given, even when the id existed: what is stored tells which add won.
    const stored = await this.queue.getJob(req.id);
    if ((stored?.data as JobData | undefined)?.token === token) await this.client.incrby(this.fairKey(req.userId), cost);
  }

  async enqueueAll(reqs: readonly JobRequest[]): Promise<void> {
    for (const req of reqs) await this.enqueue(req);
  }

  handle(kind: string, handler: JobHandler, onExhausted: JobExhausted): void {
    if (this.handlers.has(kind)) throw new Error(`Two handlers registered for job kind "${kind}"`);
    this.handlers.set(kind, { handler, onExhausted });
  }

  start(concurrency: number): void {
    if (this.worker || concurrency <= 0) return;
    this.workerClient = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    this.workerClient.on('error', (err) => this.opts.onError?.(err));
    this.worker = new Worker(QUEUE_NAME, (job, token, signal) => this.process(job, token, signal), {
      connection: this.workerClient,
      prefix: this.prefix,
      concurrency,
      lockDuration: this.opts.leaseMs,
      stalledInterval: Math.max(500, Math.floor(this.opts.leaseMs / 2)),
      // The handler counts attempts itself (a stalled job is an attempt too), and ends a job past its last.
      maxStalledCount: this.opts.maxAttempts + 1,
      name: `w-${process.pid}-${randomToken(6)}`,
    });
    this.worker.on('error', (err) => this.opts.onError?.(err));
    this.followCancels().catch((err) => this.opts.onError?.(err));
  }

  async cancelSubject(subjectId: string): Promise<void> {
    await this.cancelJobs(await this.client.smembers(this.subjectKey(subjectId)));
  }

  async eraseUser(userId: string): Promise<void> {
    const ids = await this.client.smembers(this.userKey(userId));
    await this.cancelJobs(ids);
    // A running job ends (as done) once its handler has seen the abort; then it can be removed.
    for (const id of ids) await this.removeWhenInactive(id);
    await this.client.del(this.userKey(userId), this.fairKey(userId));
  }

  async purgeEndedBefore(cutoff: number): Promise<number> {
    const grace = Math.max(0, Date.now() - cutoff);
    let removed = 0;
    for (const type of ['completed', 'failed'] as const) {
      for (;;) {
        const batch = await this.queue.clean(grace, 1000, type);
        removed += batch.length;
        if (batch.length < 1000) break;
      }
    }
    return removed;
  }

  async ready(): Promise<void> {
    await this.client.ping();
  }

  async stop(): Promise<void> {
    if (this.worker) {
      this.worker.cancelAllJobs('shutting down');
      await this.worker.close();
    }
    await this.queue.close();
    for (const c of [this.subscriber, this.client, this.workerClient]) c?.disconnect();
  }

  /** Every key this queue keeps, for tests that wipe it. */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
    const keys = await this.client.keys(`${this.prefix}:*`);
    if (keys.length > 0) await this.client.del(...keys);
  }

  private async process(bull: BullJob, token: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    const data = bull.data as JobData;
    const job: QueuedJob = {
      id: bull.id!, kind: data.kind, subjectId: data.subjectId, userId: data.userId,
      attempts: bull.attemptsStarted, maxAttempts: data.maxAttempts,
    };
    const reg = this.handlers.get(job.kind);
    if (!reg) throw new UnrecoverableError(`No handler for job kind "${job.kind}"`);
    if (await this.client.exists(this.canceledKey(job.id))) return this.ended(job.userId, data.cost);
    if (job.attempts > job.maxAttempts) {
      await this.ended(job.userId, data.cost);
      await reg.onExhausted(job, 'The job was interrupted too many times.');
      return;
    }
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    try {
      await reg.handler({ job, signal: controller.signal });
      await this.ended(job.userId, data.cost);
    } catch (err) {
      if (controller.signal.aborted) {
        if (await this.client.exists(this.canceledKey(job.id))) return this.ended(job.userId, data.cost);
        // This process is shutting down: the job goes back to the queue for its next attempt, anywhere.
        await bull.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof RetryableJobError && job.attempts < job.maxAttempts) {
        await bull.moveToDelayed(Date.now() + (err.retryAfterMs ?? retryBackoffMs(job.attempts)), token);
        throw new DelayedError();
      }
      this.opts.onError?.(err, job);
      await this.ended(job.userId, data.cost);
      await reg.onExhausted(job, message).catch((e) => this.opts.onError?.(e, job));
      throw new UnrecoverableError(message);
    }
  }

  /** A job's cost leaves its user's outstanding work once the job ends. */
  private async ended(userId: string, cost: number): Promise<void> {
    const left = await this.client.decrby(this.fairKey(userId), cost);
    if (left <= 0) await this.client.del(this.fairKey(userId));
  }

  private async cancelJobs(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const marks = this.client.multi();
    for (const id of ids) marks.set(this.canceledKey(id), '1', 'EX', INDEX_TTL_S);
    await marks.exec();
    for (const id of ids) {
      const job = await this.queue.getJob(id);
      const state = await job?.getState();
      if (job && (state === 'waiting' || state === 'prioritized' || state === 'delayed')) {
        const removed = await this.queue.remove(id).catch(() => 0);
        if (removed) await this.ended((job.data as JobData).userId, (job.data as JobData).cost);
      }
    }
    await this.client.publish(this.cancelChannel, JSON.stringify(ids));
  }

  private async removeWhenInactive(id: string): Promise<void> {
    const deadline = Date.now() + this.opts.leaseMs * 2;
    for (;;) {
      const job = await this.queue.getJob(id);
      if (!job) return;
      if ((await job.getState()) !== 'active') {
        await job.remove().catch(() => undefined);
        if (!(await this.queue.getJob(id))) return;
      }
      if (Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async followCancels(): Promise<void> {
    this.subscriber.on('message', (channel, text) => {
      if (channel !== this.cancelChannel) return;
      for (const id of JSON.parse(text) as string[]) this.worker?.cancelJob(id, 'canceled');
    });
    await this.subscriber.subscribe(this.cancelChannel);
  }

  private fairKey = (userId: string) => `${this.prefix}:${QUEUE_NAME}:fair:${userId}`;
  private subjectKey = (subjectId: string) => `${this.prefix}:${QUEUE_NAME}:subject:${subjectId}`;
  private userKey = (userId: string) => `${this.prefix}:${QUEUE_NAME}:user:${userId}`;
  private canceledKey = (jobId: string) => `${this.prefix}:${QUEUE_NAME}:canceled:${jobId}`;
}
