import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Generation, GenerationOutput, GenerationStatus, GenerationsTable } from '../../db/schema.js';
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Keyset } from '../../lib/cursor.js';

export interface OutputWithAsset extends GenerationOutput {
  width: number | null;
  height: number | null;
  mime: string | null;
}

export interface HistoryFilter {
  status?: GenerationStatus;
  engine?: string;
  mode?: 'generate' | 'edit';
  q?: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const ACTIVE: GenerationStatus[] = ['queued', 'running'];

export class GenerationRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the row and returns it as stored (defaults filled in), without reading it again. */
  insertIn(trx: Transaction<Database>, row: Insertable<GenerationsTable>): Promise<Generation> {
    return trx.insertInto('generations').values(row).returningAll().executeTakeFirstOrThrow();
  }

  find(id: string): Promise<Generation | undefined> {
    return this.db.selectFrom('generations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findOwned(userId: string, id: string): Promise<Generation | undefined> {
    return this.db.selectFrom('generations').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  async outputsFor(ids: string[]): Promise<OutputWithAsset[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('generation_outputs as o')
      .leftJoin('assets as a', 'a.id', 'o.asset_id')
      .select(['o.generation_id', 'o.idx', 'o.asset_id', 'o.error_code', 'o.error_message', 'a.width', 'a.height', 'a.mime'])
      .where('o.generation_id', 'in', ids)
      .orderBy('o.generation_id')
      .orderBy('o.idx')
      .execute();
  }

  async history(userId: string, filter: HistoryFilter, after: Keyset | undefined, limit: number): Promise<Generation[]> {
    let q = this.db.selectFrom('generations').selectAll().where('user_id', '=', userId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.engine) q = q.where('engine', '=', filter.engine);
    if (filter.mode) q = q.where('mode', '=', filter.mode);
    if (filter.q) q = q.where(sql<boolean>`prompt like ${'%' + escapeLike(filter.q) + '%'} escape '\\'`);
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
      );
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  }

  /** Moves a queued (or retried) generation to running and returns it; undefined when it is gone or already ended. */
  markRunning(id: string, now: number): Promise<Generation | undefined> {
    return this.db.updateTable('generations')
      .set({ status: 'running', started_at: sql<number>`coalesce(started_at, ${now})` })
      .where('id', '=', id).where('status', 'in', ACTIVE)
      .returningAll()
      .executeTakeFirst();
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.db.updateTable('generations').set({ progress }).where('id', '=', id).execute();
  }

  async recordOutputError(generationId: string, idx: number, code: string, message: string): Promise<void> {
    await this.db.insertInto('generation_outputs')
      .values({ generation_id: generationId, idx, asset_id: null, error_code: code, error_message: message })
      .onConflict((oc) => oc.columns(['generation_id', 'idx']).doUpdateSet({ error_code: code, error_message: message })
        .where('generation_outputs.asset_id', 'is', null))
      .execute();
  }

  /** Ends a generation unless it already ended (a cancel wins over a late finish). */
  async finish(id: string, patch: { status: GenerationStatus; error?: { code: string; message: string } | null;
    finishedAt: number; usage?: Record<string, number> | null; model?: string | null }): Promise<boolean> {
    const res = await this.db.updateTable('generations')
      .set({
        status: patch.status,
        error: patch.error ? JSON.stringify(patch.error) : null,
        finished_at: patch.finishedAt,
        progress: 1,
        ...(patch.usage ? { usage: JSON.stringify(patch.usage) } : {}),
        ...(patch.model ? { model: patch.model } : {}),
      })
      .where('id', '=', id).where('status', 'in', ACTIVE).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
