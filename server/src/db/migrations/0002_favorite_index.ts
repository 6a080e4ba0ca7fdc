import { sql, type Kysely } from 'kysely';

/** Favourites are rare: without their own partial index the favourite filter scans the whole gallery. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('assets_user_favorite_live')
    .on('assets')
    .columns(['user_id', 'created_at desc', 'id desc'])
    .where(sql<boolean>`deleted_at is null and favorite = 1`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assets_user_favorite_live').ifExists().execute();
}
