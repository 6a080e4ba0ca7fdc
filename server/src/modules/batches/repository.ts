import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Batch, BatchRow, Database, GenerationStatus } from '../../db/schema.js';

/** A row's status: its generation's or run's once released; `waiting` in its batch until then. */
export type BatchRowStatus = GenerationStatus | 'waiting';

/** A row with its generation's state. */
export interface BatchRowState extends BatchRow {
  status: BatchRowStatus;
  progress: number;
}

type RowKey = Pick<BatchRow, 'batch_id' | 'row_number'>;

export class BatchRepository {
  constructor(private readonly db: Db) {}

  async insertIn(trx: Transaction<Database>, batch: Batch, rows: BatchRow[]): Promise<void> {
    await trx.insertInto('batches').values(batch).execute();
    // PostgreSQL takes at most 65,535 parameters a statement: 1,000 rows of 4 fit, in chunks to stay well under.
    for (let i = 0; i < rows.length; i += 250) await trx.insertInto('batch_rows').values(rows.slice(i, i + 250)).execute();
  }

  findOwned(userId: string, id: string): Promise<Batch | undefined> {
    return this.db.selectFrom('batches').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  /** Newest first. */
  listForUser(userId: string, limit: number): Promise<Batch[]> {
    return this.db.selectFrom('batches').selectAll().where('user_id', '=', userId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** The rows of these batches in order, each with the status and progress of its generation or workflow run. */
  async rowStates(batchIds: readonly string[]): Promise<BatchRowState[]> {
    if (batchIds.length === 0) return [];
    const rows = await this.db.selectFrom('batch_rows as r')
      .innerJoin('batches as b', 'b.id', 'r.batch_id')
      .leftJoin('generations as g', 'g.id', 'r.generation_id')
      .leftJoin('workflow_runs as w', 'w.id', 'r.workflow_run_id')
      .selectAll('r')
      .select(['g.status as g_status', 'g.progress as g_progress', 'w.status as w_status', 'w.progress as w_progress', 'b.canceled_at as batch_canceled_at'])
      .where('r.batch_id', 'in', batchIds)
      .orderBy('r.batch_id').orderBy('r.row_number')
      .execute();
    // A row still waiting when its batch was canceled never runs: canceled.
    const unreleased = (row: BatchRow, canceled: boolean) => (row.error ? 'failed' : canceled ? 'canceled' : 'waiting');
    return rows.map(({ g_status, g_progress, w_status, w_progress, batch_canceled_at, ...row }) =>
      ({ ...row, status: g_status ?? w_status ?? unreleased(row, batch_canceled_at !== null), progress: Number(g_progress ?? w_progress ?? 0) }));
  }

  /** The person's next row waiting in a batch not canceled: oldest batch first, then by row. */
  nextWaiting(userId: string): Promise<BatchRow | undefined> {
    return this.db.selectFrom('batch_rows as r').innerJoin('batches as b', 'b.id', 'r.batch_id').selectAll('r')
      .where('r.released_at', 'is', null).where('b.user_id', '=', userId).where('b.canceled_at', 'is', null)
      .orderBy('b.created_at').orderBy('b.id').orderBy('r.row_number').limit(1).executeTakeFirst();
  }

  /** Everyone with a row waiting in a batch not canceled. */
  async usersWaiting(): Promise<string[]> {
    const rows = await this.db.selectFrom('batch_rows as r').innerJoin('batches as b', 'b.id', 'r.batch_id').select('b.user_id').distinct()
      .where('r.released_at', 'is', null).where('b.canceled_at', 'is', null).execute();
    return rows.map((r) => r.user_id);
  }

  /** Takes a waiting row for release, with what it became; false when another feeder took it first (the caller undoes its work). */
  async releaseIn(trx: Kysely<Database>, row: RowKey, at: number, subject: Partial<Pick<BatchRow, 'generation_id' | 'workflow_run_id' | 'error'>>): Promise<boolean> {
    // The row's fields (its prompt) were kept only until now: the generation or run holds them from here.
    const res = await trx.updateTable('batch_rows').set({ released_at: at, input: null, ...subject })
      .where('batch_id', '=', row.batch_id).where('row_number', '=', row.row_number).where('released_at', 'is', null)
      // Canceled meanwhile: nothing more of the batch starts.
      .where('batch_id', 'in', (eb) => eb.selectFrom('batches').select('id').where('canceled_at', 'is', null))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** A waiting row refused at its release (it failed with `error`); false when it was no longer waiting. */
  async refuse(row: RowKey, at: number, error: { code: string; message: string }): Promise<boolean> {
    return this.releaseIn(this.db, row, at, { error: JSON.stringify(error) });
  }

  find(id: string): Promise<Batch | undefined> {
    return this.db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The stored images of a batch, by row and index within the row's set. */
  outputs(batchId: string): Promise<Array<{ row_number: number; idx: number; asset_id: string }>> {
    return this.db.selectFrom('batch_rows as r')
      .innerJoin('generation_outputs as o', 'o.generation_id', 'r.generation_id')
      .innerJoin('assets as a', 'a.id', 'o.asset_id')
      .select(['r.row_number', 'o.idx', 'a.id as asset_id'])
      .where('r.batch_id', '=', batchId)
      .where('a.deleted_at', 'is', null)
      .orderBy('r.row_number').orderBy('o.idx')
      .execute() as Promise<Array<{ row_number: number; idx: number; asset_id: string }>>;
  }

  /** The batch a generation or a workflow run belongs to, if any. */
  batchOf(subject: { generationId: string } | { workflowRunId: string }): Promise<Batch | undefined> {
    const q = this.db.selectFrom('batches as b').innerJoin('batch_rows as r', 'r.batch_id', 'b.id').selectAll('b');
    return ('generationId' in subject ? q.where('r.generation_id', '=', subject.generationId) : q.where('r.workflow_run_id', '=', subject.workflowRunId))
      .executeTakeFirst();
  }

  /** False when it was already marked (or canceled): only one caller announces the batch's end. */
  async markCompleted(id: string, at: number): Promise<boolean> {
    const res = await this.db.updateTable('batches').set({ completed_at: at }).where('id', '=', id)
      .where('completed_at', 'is', null).where('canceled_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** False when the batch had already ended (completed or canceled): its end is announced once either way. */
  async markCanceled(id: string, at: number): Promise<boolean> {
    const res = await this.db.updateTable('batches').set({ canceled_at: at }).where('id', '=', id)
      .where('canceled_at', 'is', null).where('completed_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('batches').where('user_id', '=', userId).execute();
  }
}
