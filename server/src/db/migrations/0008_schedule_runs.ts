import type { Kysely } from 'kysely';

/**
 * One row per run of a scheduled task (maintenance) and slot (its UTC day): the primary key lets exactly one of
 * many processes claim a slot, by an insert that does nothing on conflict. Rows older than the log retention go.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('schedule_runs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addPrimaryKeyConstraint('schedule_runs_pk', ['name', 'slot'])
    .execute();
  await db.schema.createIndex('schedule_runs_started').on('schedule_runs').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('schedule_runs').execute();
}
