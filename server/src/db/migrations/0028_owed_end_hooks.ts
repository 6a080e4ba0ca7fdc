import type { Kysely } from 'kysely';

/**
 * A generation's end hooks (webhooks, the next workflow step, its batch's completion) are owed from the commit that
 * ends it: `end_hooks_due` is set by that same update and cleared once they ran, and a sweep runs what a process that
 * died left owed (ADR 0034). A webhook delivery made for an event that may be sent again carries a key, unique per
 * webhook, so sending it twice queues it once; a delivery that failed shows when it is tried next (`next_attempt_at`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('generations').addColumn('end_hooks_due', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('generations_end_hooks_due').on('generations').columns(['end_hooks_due', 'finished_at']).execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('event_key', 'text').execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('next_attempt_at', 'bigint').execute();
  await db.schema.createIndex('webhook_deliveries_event_key').on('webhook_deliveries').columns(['webhook_id', 'event_key']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_event_key').execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('next_attempt_at').execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('event_key').execute();
  await db.schema.dropIndex('generations_end_hooks_due').execute();
  await db.schema.alterTable('generations').dropColumn('end_hooks_due').execute();
}
