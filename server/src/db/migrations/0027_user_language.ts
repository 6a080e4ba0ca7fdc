import type { Kysely } from 'kysely';

/**
 * The language a person chose (issue #23): kept on the account, not only on a device, so a new device opens in it
 * and emails are written in it. Existing accounts read English, as before. A sign-up waiting for its emailed link
 * (ADR 0026) keeps the language it was made in, for its email and the account it becomes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('language', 'text', (c) => c.notNull().defaultTo('en')).execute();
  await db.schema.alterTable('pending_signups').addColumn('language', 'text', (c) => c.notNull().defaultTo('en')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pending_signups').dropColumn('language').execute();
  await db.schema.alterTable('users').dropColumn('language').execute();
}
