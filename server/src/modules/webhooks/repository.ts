import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, Webhook, WebhookDelivery } from '../../db/schema.js';

export class WebhookRepository {
  constructor(private readonly db: Db) {}

  async insert(hook: Webhook): Promise<void> {
    await this.db.insertInto('webhooks').values(hook).execute();
  }

  listForUser(userId: string): Promise<Webhook[]> {
    return this.db.selectFrom('webhooks').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  }

  findOwned(userId: string, id: string): Promise<Webhook | undefined> {
    return this.db.selectFrom('webhooks').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  findById(id: string): Promise<Webhook | undefined> {
    return this.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: string, change: Partial<Pick<Webhook, 'url' | 'events' | 'enabled' | 'consecutive_failures' | 'disabled_at'>>): Promise<void> {
    await this.db.updateTable('webhooks').set(change).where('id', '=', id).execute();
  }

  /** Adds one to the failures in a row, atomically (deliveries fail concurrently); returns the new count. */
  async countFailure(id: string): Promise<number> {
    const row = await this.db.updateTable('webhooks').set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
      .where('id', '=', id).returning('consecutive_failures').executeTakeFirst();
    return row?.consecutive_failures ?? 0;
  }

  /** Turns the webhook off; false when it already was (so only one caller tells the owner). */
  async disable(id: string, at: number): Promise<boolean> {
    const res = await this.db.updateTable('webhooks').set({ enabled: 0, disabled_at: at }).where('id', '=', id).where('enabled', '=', 1).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async deleteOwned(userId: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('webhooks').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** False when the webhook already has a delivery with the same event key (the event was sent before). */
  async insertDeliveryIn(trx: Transaction<Database>, delivery: WebhookDelivery): Promise<boolean> {
    const row = await trx.insertInto('webhook_deliveries').values(delivery)
      .onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing()).returning('id').executeTakeFirst();
    return row !== undefined;
  }

  findDelivery(id: string): Promise<WebhookDelivery | undefined> {
    return this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  deliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]> {
    return this.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async updateDelivery(id: string, change: Partial<Pick<WebhookDelivery, 'status' | 'attempts' | 'response_code' | 'last_error' | 'last_attempt_at' | 'next_attempt_at'>>): Promise<void> {
    await this.db.updateTable('webhook_deliveries').set(change).where('id', '=', id).execute();
  }

  deliveriesForUser(userId: string): Promise<WebhookDelivery[]> {
    return this.db.selectFrom('webhook_deliveries').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('webhook_deliveries').where('user_id', '=', userId).execute();
    await this.db.deleteFrom('webhooks').where('user_id', '=', userId).execute();
  }
}
