import type { Kysely } from 'kysely';

/**
 * Password checks reserved per bucket (an account and client, a client, …), each row one check begun within the
 * rate-limit window. `bucket` is a SHA-256 of the bucket's key, so no email or address is stored. Rows older than
 * the window are deleted as they stop counting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_attempts_bucket_at').on('auth_attempts').columns(['bucket', 'at']).execute();
  await db.schema.createIndex('auth_attempts_at').on('auth_attempts').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_attempts').execute();
}
