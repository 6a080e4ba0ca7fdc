import type { Kysely } from 'kysely';

/**
 * Moderation at the queue (issue #21): how many prompts of each person the policy refused. The prompts themselves are
 * never stored; only the count, the last category and when, and whether the count suspended the account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('moderation_refusals')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('refusals', 'integer', (c) => c.notNull())
    .addColumn('last_category', 'text', (c) => c.notNull())
    .addColumn('last_refused_at', 'bigint', (c) => c.notNull())
    .addColumn('suspended_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('moderation_refusals').execute();
}
