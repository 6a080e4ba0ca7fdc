import type { Kysely } from 'kysely';

/**
 * Batch rows wait in their batch and are released into the queue as the person's plan and rate limit allow (ADR
 * 0034): `input` keeps the row's fields (JSON) until then, `released_at` marks the release (a row that named its
 * generation or run before this migration was released with its batch), `error` what refused a row at its release.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('batch_rows').addColumn('input', 'text').execute();
  await db.schema.alterTable('batch_rows').addColumn('released_at', 'bigint').execute();
  await db.schema.alterTable('batch_rows').addColumn('error', 'text').execute();
  await db.updateTable('batch_rows').set({ released_at: 0 })
    .where((eb) => eb.or([eb('generation_id', 'is not', null), eb('workflow_run_id', 'is not', null)])).execute();
  await db.schema.createIndex('batch_rows_waiting').on('batch_rows').columns(['released_at', 'batch_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('batch_rows_waiting').execute();
  for (const column of ['error', 'released_at', 'input']) await db.schema.alterTable('batch_rows').dropColumn(column).execute();
}
