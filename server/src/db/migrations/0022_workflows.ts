import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { columnType, inTransaction } from './helpers.js';

/**
 * Saved workflows (issue #20): a workflow is an ordered list of steps with `{{variables}}`; a run keeps a snapshot of
 * the steps it ran, its inputs and, per step, the generation it started and the images it produced. A batch row may
 * run a workflow instead of one generation, so a batch row names a generation or a workflow run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workflows_user_updated').on('workflows').columns(['user_id', 'updated_at']).execute();

  await db.schema
    .createTable('workflow_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The workflow may be deleted later; its runs keep their snapshot.
    .addColumn('workflow_id', 'text', (c) => c.references('workflows.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer', (c) => c.notNull())
    .addColumn('progress', columnType(db).float, (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('workflow_runs_user_created').on('workflow_runs').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('workflow_runs_workflow').on('workflow_runs').columns(['workflow_id']).execute();

  await db.schema
    .createTable('workflow_run_steps')
    .addColumn('run_id', 'text', (c) => c.notNull().references('workflow_runs.id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('generation_id', 'text')
    .addColumn('asset_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addPrimaryKeyConstraint('workflow_run_steps_pk', ['run_id', 'idx'])
    .execute();
  await db.schema.createIndex('workflow_run_steps_generation').on('workflow_run_steps').columns(['generation_id']).execute();

  await batchRowsMayRunWorkflows(db);
}

/** batch_rows: generation_id becomes nullable and workflow_run_id is added (SQLite cannot drop NOT NULL: the table is rebuilt). */
async function batchRowsMayRunWorkflows(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.alterTable('batch_rows').alterColumn('generation_id', (c) => c.dropNotNull()).execute();
    await db.schema.alterTable('batch_rows').addColumn('workflow_run_id', 'text').execute();
  } else {
    await inTransaction(db, async (trx) => {
      await trx.schema
        .createTable('batch_rows_next')
        .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
        .addColumn('row_number', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('generation_id', 'text')
        .addColumn('workflow_run_id', 'text')
        .addPrimaryKeyConstraint('batch_rows_pk', ['batch_id', 'row_number'])
        .execute();
      await trx.insertInto('batch_rows_next').columns(['batch_id', 'row_number', 'line', 'generation_id'])
        .expression(trx.selectFrom('batch_rows').select(['batch_id', 'row_number', 'line', 'generation_id'])).execute();
      await trx.schema.dropTable('batch_rows').execute();
      await trx.schema.alterTable('batch_rows_next').renameTo('batch_rows').execute();
      await trx.schema.createIndex('batch_rows_generation').on('batch_rows').columns(['generation_id']).execute();
    });
  }
  await db.schema.createIndex('batch_rows_workflow_run').on('batch_rows').columns(['workflow_run_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('batch_rows_workflow_run').execute();
  await db.schema.alterTable('batch_rows').dropColumn('workflow_run_id').execute();
  await db.schema.dropTable('workflow_run_steps').execute();
  await db.schema.dropTable('workflow_runs').execute();
  await db.schema.dropTable('workflows').execute();
}
