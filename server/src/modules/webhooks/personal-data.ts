import { groupBy } from '../../lib/group-by.js';
import { type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { WebhookRepository } from './repository.js';
import { toDeliveryDto, toWebhookDto } from './service.js';

/** The person's webhooks (never the secret) and their deliveries, erased with them. */
export class WebhookPersonalData implements PersonalData {
  readonly tables = ['webhooks', 'webhook_deliveries'];
  readonly exported = this.tables;

  constructor(private readonly repo: WebhookRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const hooks = (await this.repo.listForUser(userId)).reverse();
    const deliveries = groupBy(await this.repo.deliveriesForUser(userId), (d) => d.webhook_id);
    yield {
      path: 'webhooks.json',
      json: hooks.map((h) => ({ ...toWebhookDto(h), deliveries: (deliveries.get(h.id) ?? []).map(toDeliveryDto) })),
    };
  }

  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteForUser(userId);
  }
}
