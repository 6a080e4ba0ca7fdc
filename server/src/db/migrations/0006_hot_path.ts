import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { inTransaction } from './helpers.js';

/**
 * Tag and album memberships carry their asset's created_at (which never changes), indexed in gallery order, so
 * a filtered gallery page walks the membership newest first and stops after one page, whatever the set's size.
 *
 * SQLite cannot add a NOT NULL column without a default, and a default would hide an insert that forgets it, so
 * both tables are rebuilt: renamed aside, created anew (same constraints, so the same automatic index names),
 * filled from the old rows joined to their assets, and the old ones dropped, all in one transaction. PostgreSQL
 * adds the column, fills it and only then makes it NOT NULL, which ends in the same schema.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await inTransaction(db, (trx) => (isPostgres(trx) ? addCreatedAtInPlace(trx) : rebuildWithCreatedAt(trx)));
}

async function addCreatedAtInPlace(trx: Kysely<any>): Promise<void> {
  for (const table of ['asset_tags', 'album_assets']) {
    await sql`alter table ${sql.table(table)} add column created_at bigint`.execute(trx);
    await sql`update ${sql.table(table)} m set created_at = a.created_at from assets a where a.id = m.asset_id`.execute(trx);
    await sql`alter table ${sql.table(table)} alter column created_at set not null`.execute(trx);
  }
  await sql`drop index asset_tags_user_tag`.execute(trx);
  await sql`create index asset_tags_user_tag_created on asset_tags (user_id, tag, created_at desc, asset_id desc)`.execute(trx);
  await sql`create index album_assets_album_created on album_assets (album_id, created_at desc, asset_id desc)`.execute(trx);
}

async function rebuildWithCreatedAt(trx: Kysely<any>): Promise<void> {
  await sql`alter table asset_tags rename to asset_tags_before_0006`.execute(trx);
  await sql`create table asset_tags (
    asset_id text not null references assets (id) on delete cascade,
    user_id text not null,
    tag text not null,
    created_at bigint not null,
    constraint asset_tags_pk primary key (asset_id, tag)
  )`.execute(trx);
  await sql`insert into asset_tags (asset_id, user_id, tag, created_at)
    select t.asset_id, t.user_id, t.tag, a.created_at from asset_tags_before_0006 t join assets a on a.id = t.asset_id`.execute(trx);
  await sql`drop table asset_tags_before_0006`.execute(trx);
  await sql`create index asset_tags_user_tag_created on asset_tags (user_id, tag, created_at desc, asset_id desc)`.execute(trx);

  await sql`alter table album_assets rename to album_assets_before_0006`.execute(trx);
  await sql`create table album_assets (
    album_id text not null references albums (id) on delete cascade,
    asset_id text not null references assets (id) on delete cascade,
    added_at bigint not null,
    created_at bigint not null,
    constraint album_assets_pk primary key (album_id, asset_id)
  )`.execute(trx);
  await sql`insert into album_assets (album_id, asset_id, added_at, created_at)
    select m.album_id, m.asset_id, m.added_at, a.created_at from album_assets_before_0006 m join assets a on a.id = m.asset_id`.execute(trx);
  await sql`drop table album_assets_before_0006`.execute(trx);
  await sql`create index album_assets_asset on album_assets (asset_id)`.execute(trx);
  await sql`create index album_assets_album_created on album_assets (album_id, created_at desc, asset_id desc)`.execute(trx);
}

export async function down(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (trx) => {
    await sql`drop index if exists asset_tags_user_tag_created`.execute(trx);
    await sql`drop index if exists album_assets_album_created`.execute(trx);
    await sql`alter table asset_tags drop column created_at`.execute(trx);
    await sql`alter table album_assets drop column created_at`.execute(trx);
    await sql`create index if not exists asset_tags_user_tag on asset_tags (user_id, tag)`.execute(trx);
  });
}
