import { sql } from 'kysely';
import { textTotal, type ListTotal } from '../../db/bounded-count.js';
import type { Db } from '../../db/database.js';
import type { Generation, GenerationOutput, GenerationStatus, GenerationsTable } from '../../db/schema.js';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Keyset } from '../../lib/cursor.js';
import { PreparedQuery } from '../../db/prepared-query.js';
import { ownedRowPages } from '../../db/user-pages.js';
import { likeIgnoringAsciiCase } from '../../db/dialect.js';

/** A generation as its job starts: the row, and its owner's embed-prompt preference (1 = embed). */
export interface StartedGeneration extends Generation {
  owner_embeds_prompt: number | null;
}

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

type GenerationInsert = Required<Omit<Insertable<GenerationsTable>, 'progress' | 'end_hooks_due'>>;

/**
 * The statements of a generation's hot path (accept, run, store, settle) are compiled once (PreparedQuery); the
 * rest is built by Kysely on each call.
 */
export class GenerationRepository {
  private readonly insertQuery = new PreparedQuery((p: GenerationInsert) =>
    this.db.insertInto('generations').values({
      id: p.id, user_id: p.user_id, mode: p.mode, prompt: p.prompt, params: p.params, engine: p.engine, model: p.model,
      status: p.status, error: p.error, parent_asset_id: p.parent_asset_id, usage: p.usage, created_at: p.created_at,
      started_at: p.started_at, finished_at: p.finished_at,
    }).returningAll());

  private readonly findOwnedQuery = new PreparedQuery((p: { id: string; userId: string }) =>
    this.db.selectFrom('generations').selectAll().where('id', '=', p.id).where('user_id', '=', p.userId));

  private readonly outputsOfOneQuery = new PreparedQuery((p: { id: string }) => this.outputsQuery([p.id]));

  private readonly markRunningQuery = new PreparedQuery((p: { id: string; now: number }) =>
    this.db.updateTable('generations')
      .set({ status: 'running', started_at: sql<number>`coalesce(started_at, ${p.now})` })
      .where('id', '=', p.id).where('status', 'in', ACTIVE)
      .returningAll()
      // The owner's preference for how the images are stored, read in the same statement.
      .returning((eb) => eb.selectFrom('users').select('users.embed_prompt').whereRef('users.id', '=', 'generations.user_id')
        .as('owner_embeds_prompt')));

  private readonly progressQuery = new PreparedQuery((p: { id: string; progress: number }) =>
    this.db.updateTable('generations').set({ progress: p.progress }).where('id', '=', p.id));

  private readonly finishQuery = new PreparedQuery((p: { id: string; status: GenerationStatus; error: string | null;
    finishedAt: number; usage: string | null; model: string | null }) =>
    this.db.updateTable('generations')
      .set({
        status: p.status,
        error: p.error,
        finished_at: p.finishedAt,
        progress: 1,
        // Owed from this commit until they ran (a crash in between leaves them to the sweep).
        end_hooks_due: 1,
        // Absent usage or model leaves what is stored.
        usage: sql<string | null>`coalesce(${p.usage}, usage)`,
        model: sql<string | null>`coalesce(${p.model}, model)`,
      })
      .where('id', '=', p.id).where('status', 'in', ACTIVE));

  constructor(private readonly db: Db) {}

  /** Inserts the row and returns it as stored (defaults filled in), without reading it again. */
  async insertIn(trx: Transaction<Database>, row: GenerationInsert): Promise<Generation> {
    const inserted = await this.insertQuery.executeTakeFirst(trx, row);
    if (!inserted) throw new Error('insert into generations returned no row');
    return inserted;
  }

  /** The person's generations queued or running (read in the transaction that is about to add one, or anywhere). */
  async countActiveIn(trx: Kysely<Database>, userId: string): Promise<number> {
    const row = await trx.selectFrom('generations').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId).where('status', 'in', ACTIVE).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  find(id: string): Promise<Generation | undefined> {
    return this.db.selectFrom('generations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findOwned(userId: string, id: string): Promise<Generation | undefined> {
    return this.findOwnedQuery.executeTakeFirst(this.db, { id, userId });
  }

  /** The person's generation that produced this asset. */
  ofOutputAsset(userId: string, assetId: string): Promise<Generation | undefined> {
    return this.db.selectFrom('generations as g').innerJoin('generation_outputs as o', 'o.generation_id', 'g.id').selectAll('g')
      .where('o.asset_id', '=', assetId).where('g.user_id', '=', userId).executeTakeFirst();
  }

  /** The person's edits of these images, newest first. */
  editsOf(userId: string, assetIds: readonly string[]): Promise<Generation[]> {
    if (assetIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('generations').selectAll().where('user_id', '=', userId).where('mode', '=', 'edit')
      .where('parent_asset_id', 'in', assetIds).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  }

  async outputsFor(ids: string[]): Promise<OutputWithAsset[]> {
    if (ids.length === 0) return [];
    if (ids.length === 1) return this.outputsOfOneQuery.execute(this.db, { id: ids[0]! });
    return this.outputsQuery(ids).execute();
  }

  private outputsQuery(ids: string[]) {
    return this.db
      .selectFrom('generation_outputs as o')
      .leftJoin('assets as a', 'a.id', 'o.asset_id')
      .select(['o.generation_id', 'o.idx', 'o.asset_id', 'o.error_code', 'o.error_message', 'a.width', 'a.height', 'a.mime'])
      .where('o.generation_id', 'in', ids)
      .orderBy('o.generation_id')
      .orderBy('o.idx');
  }

  async history(userId: string, filter: HistoryFilter, after: Keyset | undefined, limit: number): Promise<Generation[]> {
    return this.historyQuery(userId, filter, after).limit(limit + 1).execute();
  }

  /** How many generations match a filter with search text, counted in the newest of the rest (see textTotal). */
  textTotal(userId: string, filter: HistoryFilter & { q: string }, baseTotal: number): Promise<ListTotal> {
    return textTotal(this.db, this.historyQuery(userId, { ...filter, q: undefined }, undefined), 'prompt', `%${escapeLike(filter.q)}%`, baseTotal);
  }

  private historyQuery(userId: string, filter: HistoryFilter, after: Keyset | undefined) {
    let q = this.db.selectFrom('generations').selectAll().where('user_id', '=', userId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.engine) q = q.where('engine', '=', filter.engine);
    if (filter.mode) q = q.where('mode', '=', filter.mode);
    if (filter.q) q = q.where(likeIgnoringAsciiCase(this.db, sql.ref('prompt'), `%${escapeLike(filter.q)}%`));
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
      );
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  }

  /**
   * Marks a generation running as its job starts, with whether its owner has prompts embedded in their images;
   * undefined if it is gone or ended.
   */
  markRunning(id: string, now: number): Promise<StartedGeneration | undefined> {
    return this.markRunningQuery.executeTakeFirst(this.db, { id, now });
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.progressQuery.executeChanges(this.db, { id, progress });
  }

  /** The usage spent so far by a generation whose job will run again (its final figures come with `finish`). */
  async recordUsage(id: string, usage: Record<string, number>): Promise<void> {
    await this.db.updateTable('generations').set({ usage: JSON.stringify(usage) }).where('id', '=', id).execute();
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
    const args = {
      id,
      status: patch.status,
      error: patch.error ? JSON.stringify(patch.error) : null,
      finishedAt: patch.finishedAt,
      usage: patch.usage ? JSON.stringify(patch.usage) : null,
      model: patch.model || null,
    };
    return (await this.finishQuery.executeChanges(this.db, args)) > 0;
  }

  /** Its end hooks ran: nothing is owed any more. */
  async endHooksRan(id: string): Promise<void> {
    await this.db.updateTable('generations').set({ end_hooks_due: 0 }).where('id', '=', id).where('end_hooks_due', '=', 1).execute();
  }

  /** Generations that ended before `before` and whose end hooks have not run (their process died), oldest first. */
  endHooksOwed(before: number, limit: number): Promise<Generation[]> {
    return this.db.selectFrom('generations').selectAll().where('end_hooks_due', '=', 1).where('finished_at', '<', before)
      .orderBy('finished_at').limit(limit).execute();
  }

  /** The person's queued and running generations (an account suspension cancels them). */
  activeFor(userId: string): Promise<Generation[]> {
    return this.db.selectFrom('generations').selectAll().where('user_id', '=', userId).where('status', 'in', ACTIVE).execute();
  }

  /** Every generation of the person, as pages in (created_at, id) order (the personal data export). */
  pagesForUser(userId: string, pageSize: number): AsyncGenerator<Generation[]> {
    return ownedRowPages(this.db, 'generations', userId, pageSize);
  }

  /** The output rows of these generations, without their assets. */
  outputRowsFor(generationIds: readonly string[]): Promise<GenerationOutput[]> {
    return this.db.selectFrom('generation_outputs').selectAll().where('generation_id', 'in', generationIds).execute();
  }

  /** Every generation of the person and its outputs (the account purge). */
  /**
   * The user's most recent generation prompts (newest first, at most `scan` rows read, along the user's
   * created_at index), matching `q` when given; the service folds repeats.
   */
  recentPrompts(userId: string, q: string | undefined, scan: number): Promise<{ prompt: string; created_at: number }[]> {
    let query = this.db.selectFrom('generations').select(['prompt', 'created_at']).where('user_id', '=', userId).where('mode', '=', 'generate');
    if (q) query = query.where(likeIgnoringAsciiCase(this.db, sql.ref('prompt'), `%${escapeLike(q)}%`));
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(scan).execute();
  }

  /** How many of the user's generations match: from the counters kept per mode, status and engine (migration 0017). */
  async countOf(userId: string, filter: Omit<HistoryFilter, 'q'>): Promise<number> {
    let q = this.db.selectFrom('generation_counts').select((eb) => eb.fn.sum<string | number | null>('n').as('n')).where('user_id', '=', userId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.engine) q = q.where('engine', '=', filter.engine);
    if (filter.mode) q = q.where('mode', '=', filter.mode);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('generation_outputs')
        .where('generation_id', 'in', (eb) => eb.selectFrom('generations').select('id').where('user_id', '=', userId)).execute();
      await trx.deleteFrom('generations').where('user_id', '=', userId).execute();
      await trx.deleteFrom('generation_counts').where('user_id', '=', userId).execute();
    });
  }
}
