import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Share, ShareTargetKind } from '../../db/schema.js';
import { chunks } from '../../lib/chunks.js';

/** Why an active link shows nothing: its images are in the trash, it was deleted, or the album holds no image. */
export type UnavailableReason = 'in_trash' | 'deleted' | 'empty';

/** What the owner's list shows of one link, from the owner's own data: never sent to viewers. */
export interface SharePreview {
  /** An image to show as its thumbnail (the first live one, else a trashed one); null when none is left. */
  coverId: string | null;
  /** The album's name or the set's prompt, cut short; null for a single image. */
  text: string | null;
  /** Images the link shows now. */
  live: number;
  /** Why it shows none; null while it shows some. */
  unavailable: UnavailableReason | null;
}

export const PREVIEW_TEXT_MAX = 80;

const excerpt = (text: string) => (text.length <= PREVIEW_TEXT_MAX ? text : `${text.slice(0, PREVIEW_TEXT_MAX - 1).trimEnd()}…`);

function reasonOf(exists: boolean, live: number, trashed: number): UnavailableReason | null {
  if (live > 0) return null;
  if (!exists) return 'deleted';
  return trashed > 0 ? 'in_trash' : 'empty';
}

/**
 * Previews for the owner's list of links, a few queries for the whole list whatever its length (a person's list
 * is one bounded page): what each shows and, for one that shows nothing any more, why.
 */
export class SharePreviews {
  constructor(private readonly db: Db) {}

  async of(userId: string, shares: readonly Share[]): Promise<Map<string, SharePreview>> {
    const ids = (kind: ShareTargetKind) => [...new Set(shares.filter((s) => s.target_kind === kind).map((s) => s.target_id))];
    const [assets, sets, albums] = await Promise.all([
      this.assets(userId, ids('asset')), this.sets(userId, ids('generation')), this.albums(userId, ids('album')),
    ]);
    const byKind = { asset: assets, generation: sets, album: albums };
    const none: SharePreview = { coverId: null, text: null, live: 0, unavailable: 'deleted' };
    return new Map(shares.map((s) => [s.id, byKind[s.target_kind].get(s.target_id) ?? none]));
  }

  private async assets(userId: string, ids: string[]): Promise<Map<string, SharePreview>> {
    const out = new Map<string, SharePreview>();
    for (const part of chunks(ids)) {
      const rows = await this.db.selectFrom('assets').select(['id', 'deleted_at']).where('user_id', '=', userId).where('id', 'in', part).execute();
      for (const r of rows) {
        const live = r.deleted_at === null ? 1 : 0;
        out.set(r.id, { coverId: r.id, text: null, live, unavailable: reasonOf(true, live, 1 - live) });
      }
    }
    return out;
  }

  private async sets(userId: string, ids: string[]): Promise<Map<string, SharePreview>> {
    const out = new Map<string, SharePreview>();
    for (const part of chunks(ids)) {
      const [generations, images] = await Promise.all([
        this.db.selectFrom('generations').select(['id', 'prompt']).where('user_id', '=', userId).where('id', 'in', part).execute(),
        this.db.selectFrom('assets').select(['id', 'generation_id', 'deleted_at']).where('user_id', '=', userId)
          .where('generation_id', 'in', part).orderBy('output_index').execute(),
      ]);
      const outputs = new Map<string, { id: string; live: boolean }[]>();
      for (const a of images) outputs.set(a.generation_id!, [...(outputs.get(a.generation_id!) ?? []), { id: a.id, live: a.deleted_at === null }]);
      for (const g of generations) {
        const all = outputs.get(g.id) ?? [];
        const live = all.filter((a) => a.live);
        const coverId = (live[0] ?? all[0])?.id ?? null;
        out.set(g.id, { coverId, text: excerpt(g.prompt), live: live.length, unavailable: reasonOf(all.length > 0, live.length, all.length - live.length) });
      }
    }
    return out;
  }

  private async albums(userId: string, ids: string[]): Promise<Map<string, SharePreview>> {
    const out = new Map<string, SharePreview>();
    for (const part of chunks(ids)) {
      const [albums, counts] = await Promise.all([
        this.db.selectFrom('albums').select(['id', 'name']).where('user_id', '=', userId).where('id', 'in', part).execute(),
        this.db.selectFrom('album_assets as m').innerJoin('assets as a', 'a.id', 'm.asset_id')
          .select(['m.album_id', sql<number>`sum(case when a.deleted_at is null then 1 else 0 end)`.as('live'), sql<number>`count(*)`.as('total')])
          .where('m.album_id', 'in', part).where('a.user_id', '=', userId).groupBy('m.album_id').execute(),
      ]);
      const countOf = new Map(counts.map((c) => [c.album_id, { live: Number(c.live), trashed: Number(c.total) - Number(c.live) }]));
      for (const album of albums) {
        const c = countOf.get(album.id) ?? { live: 0, trashed: 0 };
        const coverId = c.live > 0 ? await this.newestLive(album.id) : null;
        out.set(album.id, { coverId, text: excerpt(album.name), live: c.live, unavailable: reasonOf(true, c.live, c.trashed) });
      }
    }
    return out;
  }

  /** The album's newest live image: the one a shared album shows first. */
  private async newestLive(albumId: string): Promise<string | null> {
    const row = await this.db.selectFrom('album_assets as m').innerJoin('assets as a', 'a.id', 'm.asset_id').select('a.id')
      .where('m.album_id', '=', albumId).where('a.deleted_at', 'is', null).orderBy('m.created_at', 'desc').orderBy('m.asset_id', 'desc')
      .limit(1).executeTakeFirst();
    return row?.id ?? null;
  }
}
