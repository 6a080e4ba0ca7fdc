import type { Kysely } from 'kysely';

/** Batches: one uploaded file of prompts, each row a generation of its own (the generation holds the row's status). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('canceled_at', 'bigint')
    .execute();
  await db.schema.createIndex('batches_user_created').on('batches').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('batch_rows')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('generation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_rows_pk', ['batch_id', 'row_number'])
    .execute();
  await db.schema.createIndex('batch_rows_generation').on('batch_rows').columns(['generation_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('batch_rows').execute();
  await db.schema.dropTable('batches').execute();
}
