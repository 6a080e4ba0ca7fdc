import type { Kysely } from 'kysely';

/**
 * Content reports (issue #21): a signed-in person reports an image they reached through a share link; the admin
 * console reviews it. `asset_id` carries no foreign key, so that a report outlives the image it got removed; the
 * reporter's id is cleared (and the note dropped) when the reporter's account is erased while the report is open.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('share_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema.createIndex('content_reports_status').on('content_reports').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('content_reports_owner').on('content_reports').columns(['owner_id']).execute();
  await db.schema.createIndex('content_reports_reporter').on('content_reports').columns(['reporter_id']).execute();
  await db.schema.createIndex('content_reports_asset').on('content_reports').columns(['asset_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('content_reports').execute();
}
