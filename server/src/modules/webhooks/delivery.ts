import type { Clock } from '../../lib/clock.js';
import { RetryableJobError, type JobQueue, type QueuedJob, type RunningJob } from '../../queue/job-queue.js';
import type { WebhookRepository } from './repository.js';
import type { SecretBox } from '../../storage/secret-box.js';
import { WEBHOOK_JOB } from './service.js';
import { signedHeaders } from './signature.js';
import { postToWebhook, type PostOutcome } from './pinned-post.js';
import type { Resolve } from '../../lib/public-url.js';

/** Retries stop once a delivery is this old. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A webhook is turned off after this many deliveries in a row failed for good. */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5;

/** 30 s, 1 min, 2 min … doubling up to 6 h. */
export const deliveryBackoffMs = (attempts: number) => Math.min(6 * 3600_000, 30_000 * 2 ** (attempts - 1));

export interface WebhookDeliveryDeps {
  repo: WebhookRepository;
  box: SecretBox;
  clock: Clock;
  allowPrivate: boolean;
  resolve?: Resolve;
  /** Tells the owner their webhook was turned off. */
  notifyDisabled?: (userId: string, url: string) => Promise<void>;
}

/** Sends queued deliveries: signed per Standard Webhooks, to checked addresses only, retried with backoff for 24 h. */
export class WebhookDeliverer {
  constructor(private readonly d: WebhookDeliveryDeps) {}

  register(queue: JobQueue): void {
    queue.handle(WEBHOOK_JOB, (running) => this.run(running), (job, error) => this.exhausted(job, error));
  }

  private async run({ job, signal }: RunningJob): Promise<void> {
    const delivery = await this.d.repo.findDelivery(job.subjectId);
    if (!delivery || delivery.status !== 'pending') return;
    const hook = await this.d.repo.findById(delivery.webhook_id);
    if (!hook || hook.enabled !== 1) {
      await this.d.repo.updateDelivery(delivery.id, { status: 'failed', last_error: 'The webhook was turned off.' });
      return;
    }
    const now = this.d.clock.now();
    const secret = await this.d.box.open(hook.user_id, hook.secret);
    const headers = { 'content-type': 'application/json', 'user-agent': 'Atelier-Webhooks/1',
      ...signedHeaders(secret, delivery.id, Math.floor(now / 1000), delivery.payload) };
    const outcome: PostOutcome = await postToWebhook(hook.url, headers, delivery.payload, signal, this.d);
    const attempts = delivery.attempts + 1;
    if (outcome.ok) {
      await this.d.repo.updateDelivery(delivery.id, {
        status: 'delivered', attempts, response_code: outcome.status, last_error: null, last_attempt_at: now, next_attempt_at: null,
      });
      if (hook.consecutive_failures > 0) await this.d.repo.update(hook.id, { consecutive_failures: 0 });
      return;
    }
    const backoff = deliveryBackoffMs(attempts);
    const last = outcome.permanent || now - delivery.created_at + backoff > RETRY_WINDOW_MS;
    await this.d.repo.updateDelivery(delivery.id, {
      attempts, response_code: outcome.status, last_error: outcome.error.slice(0, 300), last_attempt_at: now, next_attempt_at: last ? null : now + backoff,
    });
    if (last) {
      await this.failForGood(delivery.id);
      return;
    }
    throw new RetryableJobError(outcome.error, backoff);
  }

  private async exhausted(job: QueuedJob, error: string): Promise<void> {
    const delivery = await this.d.repo.findDelivery(job.subjectId);
    if (delivery?.status !== 'pending') return;
    await this.d.repo.updateDelivery(delivery.id, { last_error: error.slice(0, 300) });
    await this.failForGood(delivery.id);
  }

  private async failForGood(deliveryId: string): Promise<void> {
    const delivery = await this.d.repo.findDelivery(deliveryId);
    if (!delivery) return;
    await this.d.repo.updateDelivery(deliveryId, { status: 'failed', next_attempt_at: null });
    const hook = await this.d.repo.findById(delivery.webhook_id);
    if (!hook || hook.enabled !== 1) return;
    if ((await this.d.repo.countFailure(hook.id)) < DISABLE_AFTER_FAILED_DELIVERIES) return;
    if (await this.d.repo.disable(hook.id, this.d.clock.now())) await this.d.notifyDisabled?.(hook.user_id, hook.url);
  }
}
