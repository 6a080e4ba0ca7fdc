import type { Kysely } from 'kysely';

/**
 * The language a person chose (issue #23): kept on the account, not only on a device, so a new device opens in it
 * and emails are written in it. Existing accounts read English, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('language', 'text', (c) => c.notNull().defaultTo('en')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('language').execute();
}
