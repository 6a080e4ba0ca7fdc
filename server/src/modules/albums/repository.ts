import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Album, Database } from '../../db/schema.js';
import { chunks } from '../../lib/chunks.js';
import type { Keyset } from '../../lib/cursor.js';

/** An album with its number of live (not trashed) assets and the most recently added live one as cover. */
export interface AlbumWithStats extends Album {
  asset_count: number;
  cover_asset_id: string | null;
}


/** Albums and memberships. SQL only: ownership rules live in AlbumService. */
export class AlbumRepository {
  constructor(private readonly db: Db) {}

  private withStats() {
    return this.db
      .selectFrom('albums')
      .selectAll('albums')
      .select((eb) => [
        eb
          .selectFrom('album_assets as aa')
          .innerJoin('assets as a', 'a.id', 'aa.asset_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('aa.album_id', '=', 'albums.id')
          .where('a.deleted_at', 'is', null)
          .as('asset_count'),
        eb
          .selectFrom('album_assets as aa')
          .innerJoin('assets as a', 'a.id', 'aa.asset_id')
          .select('aa.asset_id')
          .whereRef('aa.album_id', '=', 'albums.id')
          .where('a.deleted_at', 'is', null)
          .orderBy('aa.added_at', 'desc')
          .orderBy('aa.asset_id', 'desc')
          .limit(1)
          .as('cover_asset_id'),
      ]);
  }

  private static normalise(row: Album & { asset_count: number | null; cover_asset_id: string | null }): AlbumWithStats {
    return { ...row, asset_count: Number(row.asset_count ?? 0), cover_asset_id: row.cover_asset_id ?? null };
  }

  async insert(album: Album): Promise<void> {
    await this.db.insertInto('albums').values(album).execute();
  }

  /** The album with stats when it belongs to the user. */
  async findOwned(userId: string, id: string): Promise<AlbumWithStats | undefined> {
    const row = await this.withStats().where('albums.id', '=', id).where('albums.user_id', '=', userId).executeTakeFirst();
    return row ? AlbumRepository.normalise(row) : undefined;
  }

  /** Up to `limit` of the user's albums, newest first, after the keyset `after`. */
  async list(userId: string, after: Keyset | undefined, limit: number): Promise<AlbumWithStats[]> {
    let q = this.withStats().where('albums.user_id', '=', userId);
    if (after) {
      q = q.where((eb: ExpressionBuilder<Database, 'albums'>) =>
        eb.and([
          eb('albums.created_at', '<=', after.createdAt),
          eb.or([
            eb('albums.created_at', '<', after.createdAt),
            eb.and([eb('albums.created_at', '=', after.createdAt), eb('albums.id', '<', after.id)]),
          ]),
        ]),
      );
    }
    const rows = await q.orderBy('albums.created_at', 'desc').orderBy('albums.id', 'desc').limit(limit).execute();
    return rows.map((r) => AlbumRepository.normalise(r));
  }

  async update(userId: string, id: string, patch: { name?: string; description?: string; never_train?: number; updated_at: number }): Promise<void> {
    await this.db.updateTable('albums').set(patch).where('id', '=', id).where('user_id', '=', userId).execute();
  }

  /** Deletes the album; memberships cascade, assets are untouched. */
  async delete(userId: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('albums').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Adds memberships (already present ones are left as they are) and touches the album. Returns how many were new. */
  async addAssets(albumId: string, assetIds: readonly string[], now: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let added = 0;
      for (const part of chunks([...new Set(assetIds)])) {
        // Each membership copies its asset's created_at (the gallery's album page is ordered by it).
        const res = await trx
          .insertInto('album_assets')
          .columns(['album_id', 'asset_id', 'added_at', 'created_at'])
          .expression(trx.selectFrom('assets')
            .select([sql<string>`${albumId}`.as('album_id'), 'id as asset_id', sql<number>`${now}`.as('added_at'), 'created_at'])
            .where('id', 'in', part))
          .onConflict((oc) => oc.columns(['album_id', 'asset_id']).doNothing())
          .executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
      await trx.updateTable('albums').set({ updated_at: now }).where('id', '=', albumId).execute();
      return added;
    });
  }

  /** Removes memberships and touches the album. Returns how many were removed. */
  async removeAssets(albumId: string, assetIds: readonly string[], now: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let removed = 0;
      for (const part of chunks([...new Set(assetIds)])) {
        const res = await trx.deleteFrom('album_assets').where('album_id', '=', albumId).where('asset_id', 'in', part).executeTakeFirst();
        removed += Number(res.numDeletedRows);
      }
      await trx.updateTable('albums').set({ updated_at: now }).where('id', '=', albumId).execute();
      return removed;
    });
  }

  /** Every album of the person, oldest first, without stats (the personal data export). */
  listAllForUser(userId: string): Promise<Album[]> {
    return this.db.selectFrom('albums').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  /** The album's memberships in the order they were added. */
  membersOf(albumId: string): Promise<{ asset_id: string; added_at: number }[]> {
    return this.db.selectFrom('album_assets').select(['asset_id', 'added_at']).where('album_id', '=', albumId).orderBy('added_at').execute();
  }

  /** The albums each of these assets is in. */
  async albumIdsOf(assetIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (const part of chunks(assetIds)) {
      const rows = await this.db.selectFrom('album_assets').select(['asset_id', 'album_id']).where('asset_id', 'in', part).execute();
      for (const r of rows) map.set(r.asset_id, [...(map.get(r.asset_id) ?? []), r.album_id]);
    }
    return map;
  }

  /** Every album of the person and its memberships (the account purge). */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('album_assets')
        .where('album_id', 'in', (eb) => eb.selectFrom('albums').select('id').where('user_id', '=', userId)).execute();
      await trx.deleteFrom('albums').where('user_id', '=', userId).execute();
    });
  }
}
