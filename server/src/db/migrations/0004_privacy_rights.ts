import type { Kysely } from 'kysely';
import { addAutoIncrementId } from './helpers.js';

/**
 * Consents with history, account deletion requests and deletion tombstones (issue #5, rights).
 * consents and deletion_requests hold personal data and go with the user row (on delete cascade);
 * deletion_tombstones deliberately has no foreign key: it outlives the user and holds only the id and a date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addAutoIncrementId(db, db.schema.createTable('consents'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('policy_version', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consents_user_purpose').on('consents').columns(['user_id', 'purpose', 'id']).execute();
  await db.schema.createIndex('consents_purpose').on('consents').columns(['purpose', 'id']).execute();

  await db.schema
    .createTable('deletion_requests')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('purge_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deletion_requests_due').on('deletion_requests').columns(['purge_at']).execute();

  await db.schema
    .createTable('deletion_tombstones')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('deleted_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['deletion_tombstones', 'deletion_requests', 'consents']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
