import type { Kysely } from 'kysely';
import { columnType } from './helpers.js';

/**
 * Plans, credits and limits (issue #21): each person's billing account, the append-only credit ledger, the Stripe
 * events already applied, and the token buckets of the rate limits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('billing_accounts')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // null: the catalogue's default plan.
    .addColumn('plan_id', 'text')
    // Monthly cycles start on this instant's day and time (the account's first use, or the subscription's start).
    .addColumn('cycle_anchor', 'bigint', (c) => c.notNull())
    .addColumn('stripe_customer_id', 'text', (c) => c.unique())
    .addColumn('stripe_subscription_id', 'text', (c) => c.unique())
    .addColumn('subscription_status', 'text')
    .addColumn('renews_at', 'bigint')
    // The newest Stripe event applied to the subscription: an older one delivered late changes nothing.
    .addColumn('subscription_event_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('credit_ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // grant | reserve | refund | adjust | purchase
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('generation_id', 'text')
    .addColumn('reason', 'text')
    // Makes an entry that must exist once (a cycle's grant, a generation's refund, a payment) idempotent.
    .addColumn('entry_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_ledger_user').on('credit_ledger').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('credit_ledger_generation').on('credit_ledger').columns(['generation_id']).execute();

  await db.schema
    .createTable('stripe_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limit_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tokens', columnType(db).float, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_buckets_updated').on('rate_limit_buckets').columns(['updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rate_limit_buckets', 'stripe_events', 'credit_ledger', 'billing_accounts']) {
    await db.schema.dropTable(table).execute();
  }
}
