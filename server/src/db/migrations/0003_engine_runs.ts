import type { Kysely } from 'kysely';
import { addAutoIncrementId } from './helpers.js';

/** One row per call to a model provider: what the admin engine-health view is computed from. */
export async function up(db: Kysely<any>): Promise<void> {
  await addAutoIncrementId(db, db.schema.createTable('engine_runs'))
    .addColumn('engine', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('code', 'text')
    .addColumn('detail', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('engine_runs_engine_created').on('engine_runs').columns(['engine', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('engine_runs').ifExists().execute();
}
