import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { inTransaction } from './helpers.js';

/**
 * Email-first sign-up (ADR 0026): a sign-up waits here, under the sha256 of its emailed link, until the link is
 * followed; only then is the account made. Its email goes through the outbox before any account exists, so an
 * outbox message may have no user. The half-done MFA login remembers which first factor it follows.
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
  await outboxUserNullable(db);
}

/** PostgreSQL drops the constraint; SQLite cannot, so the table is made again with the same rows and indexes. */
async function outboxUserNullable(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table outbox alter column user_id drop not null`.execute(db);
    return;
  }
  await inTransaction(db, async (trx) => {
    await trx.schema
      .createTable('outbox_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('essential', 'integer', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text', (c) => c.notNull())
      .addColumn('headers', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await sql`insert into outbox_rebuilt select id, user_id, to_address, type, essential, subject, text_body, headers, status, attempts,
      next_attempt_at, lease_until, last_error, dedupe_key, created_at, sent_at from outbox`.execute(trx);
    await trx.schema.dropTable('outbox').execute();
    await trx.schema.alterTable('outbox_rebuilt').renameTo('outbox').execute();
    await trx.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    await trx.schema.createIndex('outbox_user').on('outbox').columns(['user_id']).execute();
    await trx.schema.createIndex('outbox_created').on('outbox').columns(['created_at']).execute();
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  // The outbox's user column stays nullable: messages to people without an account may be in it.
  await db.schema.alterTable('mfa_challenges').dropColumn('method').execute();
  await db.schema.dropTable('pending_signups').execute();
}
