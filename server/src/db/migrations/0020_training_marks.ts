import type { Kysely } from 'kysely';

/**
 * "Never use for training" (issue #19): a mark on an image or on an album that keeps the image (every image of the
 * album) out of the training dataset even while the person's training consent is on. 0: no mark.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['assets', 'albums']) {
    await db.schema.alterTable(table).addColumn('never_train', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assets', 'albums']) {
    await db.schema.alterTable(table).dropColumn('never_train').execute();
  }
}
