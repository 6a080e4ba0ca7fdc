import type { Kysely } from 'kysely';

/**
 * Uploads checked by the image classifier in a job (issue #21, ADR 0035): 1 while the check has not run yet. Such an
 * image is its owner's only, shown as "checking", and cannot be shared or sent to an engine. 0 for every other image.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').addColumn('checking', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assets').dropColumn('checking').execute();
}
