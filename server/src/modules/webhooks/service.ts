import type { Db } from '../../db/database.js';
import type { JobOutbox } from '../../db/job-outbox.js';
import type { Webhook, WebhookDelivery } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { WebhookRepository } from './repository.js';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookDto, WebhookEvent } from './schemas.js';
import type { SecretBox } from '../../storage/secret-box.js';
import { newWebhookSecret } from './signature.js';
import { checkWebhookUrl, type Resolve } from '../../lib/public-url.js';

export const WEBHOOK_JOB = 'webhook-delivery';
const MAX_WEBHOOKS = 20;

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function toWebhookDto(h: Webhook): WebhookDto {
  return { id: h.id, url: h.url, events: h.events.split(' '), enabled: h.enabled === 1, createdAt: iso(h.created_at)!, disabledAt: iso(h.disabled_at) };
}

export function toDeliveryDto(d: WebhookDelivery) {
  return {
    id: d.id, event: d.event, status: d.status, attempts: d.attempts, responseCode: d.response_code, lastError: d.last_error,
    createdAt: iso(d.created_at)!, lastAttemptAt: iso(d.last_attempt_at), nextAttemptAt: iso(d.next_attempt_at),
  };
}

/** A person's webhooks, and the events queued for them: each a delivery row and its job, in one transaction. */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly repo: WebhookRepository,
    private readonly box: SecretBox,
    private readonly outbox: JobOutbox,
    private readonly clock: Clock,
    private readonly allowPrivate: boolean,
    private readonly resolve?: Resolve,
  ) {}

  async create(userId: string, input: CreateWebhookInput): Promise<WebhookDto & { secret: string }> {
    const { url } = await checkWebhookUrl(input.url, this.allowPrivate, this.resolve);
    if ((await this.repo.listForUser(userId)).length >= MAX_WEBHOOKS) {
      throw new AppError('CONFLICT', `You have ${MAX_WEBHOOKS} webhooks, the most allowed; delete one first.`);
    }
    const secret = newWebhookSecret();
    const hook: Webhook = {
      id: newId(), user_id: userId, url: url.href, events: input.events.join(' '), secret: await this.box.seal(userId, secret),
      enabled: 1, consecutive_failures: 0, created_at: this.clock.now(), disabled_at: null,
    };
    await this.repo.insert(hook);
    return { ...toWebhookDto(hook), secret };
  }

  async list(userId: string): Promise<WebhookDto[]> {
    return (await this.repo.listForUser(userId)).map(toWebhookDto);
  }

  async update(userId: string, id: string, input: UpdateWebhookInput): Promise<WebhookDto> {
    const hook = await this.requireOwned(userId, id);
    const change: Parameters<WebhookRepository['update']>[1] = {};
    if (input.url !== undefined) change.url = (await checkWebhookUrl(input.url, this.allowPrivate, this.resolve)).url.href;
    if (input.events !== undefined) change.events = input.events.join(' ');
    // Turning a webhook back on starts its failure count afresh.
    if (input.enabled !== undefined) Object.assign(change, { enabled: input.enabled ? 1 : 0, ...(input.enabled ? { consecutive_failures: 0, disabled_at: null } : {}) });
    await this.repo.update(hook.id, change);
    return toWebhookDto({ ...hook, ...change });
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.repo.deleteOwned(userId, id))) throw notFound('Webhook');
  }

  async deliveries(userId: string, id: string) {
    const hook = await this.requireOwned(userId, id);
    return (await this.repo.deliveries(hook.id, 50)).map(toDeliveryDto);
  }

  /** Queues a `webhook.test` event to this webhook, whatever it subscribes to. */
  async sendTest(userId: string, id: string) {
    const hook = await this.requireOwned(userId, id);
    const [delivery] = await this.queue([hook], 'webhook.test', { message: 'A test event from Atelier.' });
    return toDeliveryDto(delivery!);
  }

  /**
   * Queues `event` to every enabled webhook of the person that subscribes to it. `key` names an event that may be
   * emitted again (an end hook run twice after a crash): a webhook gets one delivery per key.
   */
  async emit(userId: string, event: WebhookEvent, data: Record<string, unknown>, key?: string): Promise<void> {
    const hooks = (await this.repo.listForUser(userId)).filter((h) => h.enabled === 1 && h.events.split(' ').includes(event));
    if (hooks.length > 0) await this.queue(hooks, event, data, key);
  }

  async requireOwned(userId: string, id: string): Promise<Webhook> {
    const hook = await this.repo.findOwned(userId, id);
    if (!hook) throw notFound('Webhook');
    return hook;
  }

  private async queue(hooks: readonly Webhook[], event: WebhookEvent, data: Record<string, unknown>, key?: string): Promise<WebhookDelivery[]> {
    const now = this.clock.now();
    const deliveries = hooks.map((h): WebhookDelivery => {
      const id = `msg_${newId()}`;
      return {
        id, webhook_id: h.id, user_id: h.user_id, event, status: 'pending', attempts: 0, response_code: null, last_error: null,
        created_at: now, last_attempt_at: null, event_key: key ?? null, next_attempt_at: null,
        payload: JSON.stringify({ type: event, timestamp: new Date(now).toISOString(), data }),
      };
    });
    await this.db.transaction().execute(async (trx) => {
      for (const d of deliveries) {
        if (!(await this.repo.insertDeliveryIn(trx, d))) continue;
        await this.outbox.addIn(trx, { kind: WEBHOOK_JOB, subjectId: d.id, userId: d.user_id, cost: 1, maxAttempts: 40 });
      }
    });
    this.outbox.committed();
    return deliveries;
  }
}
