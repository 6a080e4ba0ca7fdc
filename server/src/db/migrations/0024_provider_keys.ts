import type { Kysely } from 'kysely';

/**
 * Bring your own key (issue #21): a person's own Seedream or OpenAI-compatible key, sealed with their data key (so
 * erasing the account shreds it), one per provider; and the images each generation asked of it, for the monthly cap.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('sealed_key', 'text', (c) => c.notNull())
    .addColumn('key_suffix', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .addColumn('monthly_image_cap', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('provider_keys_user_provider').unique().on('provider_keys').columns(['user_id', 'provider']).execute();
  await db.schema
    .createTable('provider_key_spend')
    .addColumn('generation_id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().references('provider_keys.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('images', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('provider_key_spend_key_month').on('provider_key_spend').columns(['key_id', 'month']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('provider_key_spend').execute();
  await db.schema.dropTable('provider_keys').execute();
}
