import type { Kysely } from 'kysely';

/**
 * Email-first sign-up (ADR 0026): a sign-up waits here, under the sha256 of its emailed link, until the link is
 * followed; only then is the account made. The half-done MFA login remembers which first factor it follows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_signups')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the emailed token
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_signups_expires').on('pending_signups').column('expires_at').execute();
  await db.schema.alterTable('mfa_challenges').addColumn('method', 'text', (c) => c.notNull().defaultTo('password')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mfa_challenges').dropColumn('method').execute();
  await db.schema.dropTable('pending_signups').execute();
}
