import { sql, type ExpressionBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import { PreparedQuery } from '../../db/prepared-query.js';
import { ownedRowPages } from '../../db/user-pages.js';
import { likeIgnoringAsciiCase } from '../../db/dialect.js';
import { boundedCount, textTotal, type ListTotal } from '../../db/bounded-count.js';
import type { Asset, AssetsTable, Database, NewAsset } from '../../db/schema.js';
import { chunks } from '../../lib/chunks.js';
import type { Keyset } from '../../lib/cursor.js';

export type AssetKind = AssetsTable['kind'];
/** Inpainting masks: assets of their owner that no gallery, count or tag list shows. */
export const MASK_KIND = 'mask';
/** Whether the asset's search text is a prompt (generated and edited images) rather than a file name. */
export const hasPrompt = (kind: AssetKind) => kind === 'generated' || kind === 'edited';

/** An image of the training dataset: the asset and the prompt, engine and parameters that made it. */
export interface TrainingItem {
  id: string;
  userId: string;
  blobKey: string;
  mime: string;
  width: number;
  height: number;
  createdAt: number;
  mode: 'generate' | 'edit';
  prompt: string;
  engine: string;
  params: string;
}

/** A generated or edited image: every column given (favorite takes its default). */
export type GeneratedAsset = Required<Omit<NewAsset, 'favorite' | 'checking'>> & { generation_id: string; output_index: number };

export interface AssetListFilter {
  kind?: AssetKind;
  albumId?: string;
  tag?: string;
  favorite?: boolean;
  /** Case-insensitive (ASCII) substring of search_text; matched literally, `%` and `_` included. */
  q?: string;
  /** List trashed assets instead of live ones. */
  trash?: boolean;
}

export interface TagCount {
  tag: string;
  count: number;
}


/** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Assets, their tags, and the few album look-ups the gallery filter needs. SQL only: no rules, no ownership policy. */
export class AssetRepository {
  // Storing a generation's output runs these for every image: compiled once (see PreparedQuery).
  private readonly byOutputQuery = new PreparedQuery((p: { generationId: string; index: number }) =>
    this.db.selectFrom('assets').selectAll().where('generation_id', '=', p.generationId).where('output_index', '=', p.index));

  private readonly insertOutputAssetQuery = new PreparedQuery((p: GeneratedAsset) =>
    this.db.insertInto('assets')
      .values({
        id: p.id, user_id: p.user_id, kind: p.kind, parent_id: p.parent_id, generation_id: p.generation_id,
        output_index: p.output_index, blob_key: p.blob_key, thumb_key: p.thumb_key, mime: p.mime, width: p.width,
        height: p.height, bytes: p.bytes, sha256: p.sha256, search_text: p.search_text, metadata: p.metadata,
        never_train: p.never_train, deleted_at: p.deleted_at, created_at: p.created_at,
      })
      .onConflict((oc) => oc.columns(['generation_id', 'output_index']).doNothing())
      .returningAll());

  private readonly pointOutputQuery = new PreparedQuery((p: { generationId: string; index: number; assetId: string }) =>
    this.db.insertInto('generation_outputs')
      .values({ generation_id: p.generationId, idx: p.index, asset_id: p.assetId, error_code: null, error_message: null })
      .onConflict((oc) => oc.columns(['generation_id', 'idx']).doUpdateSet({ asset_id: p.assetId, error_code: null, error_message: null })));

  constructor(private readonly db: Db) {}

  findById(id: string): Promise<Asset | undefined> {
    return this.db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The asset when it belongs to the user (live or trashed). */
  findOwned(userId: string, id: string): Promise<Asset | undefined> {
    return this.db.selectFrom('assets').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  /** The user's assets among `ids` (any order; ids not found or not theirs are simply absent). */
  async findOwnedMany(userId: string, ids: readonly string[], opts: { liveOnly?: boolean } = {}): Promise<Asset[]> {
    const out: Asset[] = [];
    for (const part of chunks([...new Set(ids)])) {
      let q = this.db.selectFrom('assets').selectAll().where('id', 'in', part).where('user_id', '=', userId);
      if (opts.liveOnly) q = q.where('deleted_at', 'is', null);
      out.push(...(await q.execute()));
    }
    return out;
  }

  /** The user's live outputs of one generation, in output order. */
  liveOfGeneration(userId: string, generationId: string): Promise<Asset[]> {
    return this.db.selectFrom('assets').selectAll().where('generation_id', '=', generationId).where('user_id', '=', userId)
      .where('deleted_at', 'is', null).orderBy('output_index').execute();
  }

  findByGenerationOutput(generationId: string, index: number): Promise<Asset | undefined> {
    return this.byOutputQuery.executeTakeFirst(this.db, { generationId, index });
  }

  /** Bytes of every stored image of the person, trashed ones included (they still take space). */
  async bytesUsed(userId: string): Promise<number> {
    const row = await this.db.selectFrom('assets').select((eb) => eb.fn.sum<number>('bytes').as('total'))
      .where('user_id', '=', userId).executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  /** Inserts the row; `alsoIn` writes what must commit with it (an upload's check job) in the same transaction. */
  async insert(asset: NewAsset, alsoIn?: (trx: Transaction<Database>) => Promise<unknown>): Promise<Asset> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('assets').values(asset).execute();
      await alsoIn?.(trx);
    });
    return (await this.findById(asset.id))!;
  }

  /** An upload the check kept (`stored`: its blurred copy's size and hash): usable from now on. False if it was not waiting. */
  async endCheck(id: string, stored?: { bytes: number; sha256: string }): Promise<boolean> {
    const r = await this.db.updateTable('assets').set({ checking: 0, ...stored })
      .where('id', '=', id).where('checking', '=', 1).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Deletes an upload the check refused (only while it is still waiting for the check). */
  async deleteChecking(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('assets').where('id', '=', id).where('checking', '=', 1).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /**
   * Inserts a generation output unless that (generation, index) already has an asset, and points the
   * generation_outputs row at whichever asset holds the slot, in one transaction. Returns that asset.
   */
  async insertGenerationOutput(asset: GeneratedAsset): Promise<Asset> {
    return this.db.transaction().execute(async (trx) => {
      const slot = { generationId: asset.generation_id, index: asset.output_index };
      // RETURNING yields the row only when this call inserted it; otherwise read the one holding the slot.
      const stored = (await this.insertOutputAssetQuery.executeTakeFirst(trx, asset)) ?? (await this.byOutputQuery.executeTakeFirst(trx, slot));
      if (!stored) throw new Error('generation output slot holds no asset');
      await this.pointOutputQuery.executeChanges(trx, { ...slot, assetId: stored.id });
      return stored;
    });
  }

  /**
   * One gallery page (up to `limit` rows) in (created_at desc, id desc) order, after the keyset `after`.
   *
   * Live lists are shaped for the partial indexes assets_user_live / assets_user_kind_live: `user_id = ?`
   * [+ `kind = ?`] + `deleted_at is null`, ordered like the index, and the keyset is written as
   * `created_at <= ? and (created_at < ? or (created_at = ? and id < ?))`: the redundant first term gives
   * SQLite a range on the index, so a later page seeks straight to the cursor instead of walking past the
   * rows before it.
   *
   * An album or tag filter is driven from the membership instead: memberships carry their asset's created_at and
   * are indexed in gallery order (album_id | user_id, tag; created_at desc, asset_id desc), so the page walks the
   * set's members newest first and stops after `limit` rows, whether the set has ten members or a million.
   */
  list(userId: string, filter: AssetListFilter, after: Keyset | undefined, limit: number): Promise<Asset[]> {
    return this.listQuery(userId, filter, after, limit).execute();
  }

  /** The gallery query, unexecuted (tests read its plan with EXPLAIN QUERY PLAN). */
  listQuery(userId: string, filter: AssetListFilter, after: Keyset | undefined, limit: number) {
    let q: SelectQueryBuilder<Database, 'assets', Asset>;
    // The columns the page is ordered and cut by: the driving membership's copy when there is one.
    let created: 'assets.created_at' | 'm.created_at' = 'assets.created_at';
    let id: 'assets.id' | 'm.asset_id' = 'assets.id';
    if (filter.albumId !== undefined) {
      // CROSS JOIN makes SQLite loop over the membership first.
      q = this.db
        .selectFrom('album_assets as m')
        .crossJoin('assets')
        .selectAll('assets')
        .where('m.album_id', '=', filter.albumId)
        .whereRef('assets.id', '=', 'm.asset_id') as unknown as SelectQueryBuilder<Database, 'assets', Asset>;
      [created, id] = ['m.created_at', 'm.asset_id'];
    } else if (filter.tag !== undefined) {
      q = this.db
        .selectFrom('asset_tags as m')
        .crossJoin('assets')
        .selectAll('assets')
        .where('m.user_id', '=', userId)
        .where('m.tag', '=', filter.tag)
        .whereRef('assets.id', '=', 'm.asset_id') as unknown as SelectQueryBuilder<Database, 'assets', Asset>;
      [created, id] = ['m.created_at', 'm.asset_id'];
    } else {
      q = this.db.selectFrom('assets').selectAll('assets');
    }
    q = q.where('assets.user_id', '=', userId);
    q = filter.trash ? q.where('assets.deleted_at', 'is not', null) : q.where('assets.deleted_at', 'is', null);
    // Masks are never listed: an equality on the kind asked for, or else every kind but masks.
    q = filter.kind ? q.where('assets.kind', '=', filter.kind) : q.where('assets.kind', '<>', MASK_KIND);
    // A literal: the favourites index is partial on it, and SQLite re-plans a statement at every binding of a
    // parameter that decides whether a partial index applies.
    if (filter.favorite !== undefined) q = q.where('assets.favorite', '=', sql.lit(filter.favorite ? 1 : 0));
    // Album and tag together: the album drives, the tag is probed by primary key per member walked.
    if (filter.tag !== undefined && filter.albumId !== undefined) {
      const tag = filter.tag;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('asset_tags as t').select(sql<number>`1`.as('one')).whereRef('t.asset_id', '=', 'assets.id').where('t.tag', '=', tag)),
      );
    }
    if (filter.q) {
      const pattern = `%${likeLiteral(filter.q)}%`;
      q = q.where(likeIgnoringAsciiCase(this.db, sql.ref('assets.search_text'), pattern));
    }
    if (after) {
      q = q.where((eb: ExpressionBuilder<any, any>) =>
        eb.and([
          eb(created, '<=', after.createdAt),
          eb.or([eb(created, '<', after.createdAt), eb.and([eb(created, '=', after.createdAt), eb(id, '<', after.id)])]),
        ]),
      ) as typeof q;
    }
    return q.orderBy(created as 'assets.created_at', 'desc').orderBy(id as 'assets.id', 'desc').limit(limit);
  }

  /** Tags of many assets in one query per chunk of ids (never one query per asset). */
  async tagsFor(assetIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    for (const part of chunks(assetIds)) {
      const rows = await this.db
        .selectFrom('asset_tags')
        .select(['asset_id', 'tag'])
        .where('asset_id', 'in', part)
        .orderBy('asset_id')
        .orderBy('tag')
        .execute();
      for (const r of rows) {
        const list = map.get(r.asset_id);
        if (list) list.push(r.tag);
        else map.set(r.asset_id, [r.tag]);
      }
    }
    return map;
  }

  /** Sets deleted_at on the user's assets among `ids`: a time trashes (already trashed ones keep their time), null restores. */
  async setDeletedAt(userId: string, ids: readonly string[], at: number | null): Promise<number> {
    let n = 0;
    for (const part of chunks([...new Set(ids)])) {
      let q = this.db.updateTable('assets').set({ deleted_at: at }).where('user_id', '=', userId).where('id', 'in', part);
      q = at === null ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null);
      n += Number((await q.executeTakeFirst()).numUpdatedRows);
    }
    return n;
  }

  async setFavorite(userId: string, ids: readonly string[], favorite: boolean): Promise<number> {
    let n = 0;
    for (const part of chunks([...new Set(ids)])) {
      const res = await this.db
        .updateTable('assets')
        .set({ favorite: favorite ? 1 : 0 })
        .where('user_id', '=', userId)
        .where('id', 'in', part)
        .executeTakeFirst();
      n += Number(res.numUpdatedRows);
    }
    return n;
  }

  /** Whether an album holding the asset is marked "never use for training" (trainingPage leaves it out then). */
  async inNeverTrainAlbum(assetId: string): Promise<boolean> {
    const row = await this.db.selectFrom('album_assets as aa').innerJoin('albums as al', 'al.id', 'aa.album_id').select('aa.album_id')
      .where('aa.asset_id', '=', assetId).where('al.never_train', '=', 1).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async setNeverTrain(userId: string, id: string, neverTrain: boolean): Promise<void> {
    await this.db.updateTable('assets').set({ never_train: neverTrain ? 1 : 0 }).where('user_id', '=', userId).where('id', '=', id).execute();
  }

  /** Records the thumbnail's blob key; false when the asset row no longer exists. */
  async setThumbKey(id: string, key: string): Promise<boolean> {
    const res = await this.db.updateTable('assets').set({ thumb_key: key }).where('id', '=', id).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Replaces an asset's tags with `tags` in one transaction. */
  async replaceTags(userId: string, assetId: string, tags: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('asset_tags').where('asset_id', '=', assetId).execute();
      if (tags.length > 0) {
        const { created_at } = await trx.selectFrom('assets').select('created_at').where('id', '=', assetId).executeTakeFirstOrThrow();
        await trx.insertInto('asset_tags').values(tags.map((tag) => ({ asset_id: assetId, user_id: userId, tag, created_at }))).execute();
      }
    });
  }

  /** The user's tags with how many live (not trashed) assets carry each, most used first. */
  async tagCounts(userId: string): Promise<TagCount[]> {
    const rows = await this.db
      .selectFrom('asset_tags as t')
      .innerJoin('assets as a', 'a.id', 't.asset_id')
      .select(['t.tag as tag', (eb) => eb.fn.countAll<number>().as('count')])
      .where('t.user_id', '=', userId)
      .where('a.deleted_at', 'is', null)
      .groupBy('t.tag')
      .orderBy('count', 'desc')
      .orderBy('t.tag')
      .execute();
    return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
  }

  async albumBelongsTo(userId: string, albumId: string): Promise<boolean> {
    const row = await this.db.selectFrom('albums').select('id').where('id', '=', albumId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  /** Trashed assets (any user) whose deleted_at is before `cutoff`, oldest trash first. */
  /**
   * How many of the user's images match: from the counters the database keeps per kind, trash and favourite
   * (migration 0017), so it reads a dozen rows at most whatever the size of the library.
   */
  async countOf(userId: string, filter: { kind?: AssetKind; favorite?: boolean; trash?: boolean }): Promise<number> {
    let q = this.db.selectFrom('asset_counts').select((eb) => eb.fn.sum<string | number | null>('n').as('n'))
      .where('user_id', '=', userId).where('trashed', '=', filter.trash ? 1 : 0);
    q = filter.kind ? q.where('kind', '=', filter.kind) : q.where('kind', '<>', MASK_KIND);
    if (filter.favorite !== undefined) q = q.where('favorite', '=', filter.favorite ? 1 : 0);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  }

  /** How many of the user's images are in an album or carry a tag (and match the other filters), up to a cap. */
  countUpTo(userId: string, filter: AssetListFilter): Promise<ListTotal> {
    return boundedCount(this.db, this.listQuery(userId, filter, undefined, 1));
  }

  /** How many match a filter with search text, counted in the newest rows of the filter without it (see textTotal). */
  textTotal(userId: string, filter: AssetListFilter & { q: string }, baseTotal: number | undefined): Promise<ListTotal> {
    const base = this.listQuery(userId, { ...filter, q: undefined }, undefined, 1);
    return textTotal(this.db, base, 'assets.search_text', `%${likeLiteral(filter.q)}%`, baseTotal);
  }

  /** Up to `limit` of the user's images trashed at or before `before`, oldest trashed first. */
  listTrashOf(userId: string, before: number, limit: number): Promise<Asset[]> {
    return this.db.selectFrom('assets').selectAll().where('user_id', '=', userId)
      .where('deleted_at', 'is not', null).where('deleted_at', '<=', before).orderBy('deleted_at').limit(limit).execute();
  }

  listExpiredTrash(cutoff: number, limit: number): Promise<Asset[]> {
    return this.db
      .selectFrom('assets')
      .selectAll()
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '<', cutoff)
      .orderBy('deleted_at')
      .limit(limit)
      .execute();
  }

  /**
   * Deletes the row if it is still in the trash (and, with `cutoff`, trashed before it): a restore racing
   * with a purge wins. Tags and album memberships go with it (foreign keys cascade). True when a row was deleted.
   */
  async deleteTrashed(id: string, cutoff?: number): Promise<boolean> {
    let q = this.db.deleteFrom('assets').where('id', '=', id).where('deleted_at', 'is not', null);
    if (cutoff !== undefined) q = q.where('deleted_at', '<', cutoff);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Every asset of the person, trashed ones included, as pages in (created_at, id) order (the personal data export). */
  pagesForUser(userId: string, pageSize: number): AsyncGenerator<Asset[]> {
    return ownedRowPages(this.db, 'assets', userId, pageSize);
  }

  /** Every asset row of the person and their tags (the account purge; the files go with the person's blob prefix). */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('asset_tags').where('user_id', '=', userId).execute();
      await trx.deleteFrom('assets').where('user_id', '=', userId).execute();
      await trx.deleteFrom('asset_counts').where('user_id', '=', userId).execute();
    });
  }

  /**
   * One keyset page of the person's images made with a prompt (generated or edited, not trashed), oldest first: the
   * training dataset. An image marked "never use for training", or in an album so marked, is never in it.
   */
  async trainingPage(userId: string, after: { createdAt: number; id: string } | undefined, limit: number): Promise<TrainingItem[]> {
    let q = this.db
      .selectFrom('assets as a')
      .innerJoin('generations as g', 'g.id', 'a.generation_id')
      .select([
        'a.id', 'a.user_id as userId', 'a.blob_key as blobKey', 'a.mime', 'a.width', 'a.height', 'a.created_at as createdAt',
        'g.mode', 'g.prompt', 'g.engine', 'g.params',
      ])
      .where('a.user_id', '=', userId)
      .where('a.kind', 'in', ['generated', 'edited'])
      .where('a.deleted_at', 'is', null)
      .where('a.never_train', '=', 0)
      .where(({ not, exists, selectFrom }) => not(exists(
        selectFrom('album_assets as aa').innerJoin('albums as al', 'al.id', 'aa.album_id').select('aa.album_id')
          .whereRef('aa.asset_id', '=', 'a.id').where('al.never_train', '=', 1),
      )));
    if (after) {
      q = q.where((eb) => eb.or([eb('a.created_at', '>', after.createdAt), eb.and([eb('a.created_at', '=', after.createdAt), eb('a.id', '>', after.id)])]));
    }
    return q.orderBy('a.created_at').orderBy('a.id').limit(limit).execute();
  }
}
