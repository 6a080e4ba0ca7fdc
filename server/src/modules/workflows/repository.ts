import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, Workflow, WorkflowRun, WorkflowRunStatus, WorkflowRunStep } from '../../db/schema.js';

type Conn = Db | Transaction<Database>;
const ACTIVE: WorkflowRunStatus[] = ['queued', 'running'];

export class WorkflowRepository {
  constructor(private readonly db: Db) {}

  async insert(w: Workflow): Promise<void> {
    await this.db.insertInto('workflows').values(w).execute();
  }

  async update(id: string, patch: Partial<Pick<Workflow, 'name' | 'steps' | 'variables' | 'updated_at'>>): Promise<void> {
    await this.db.updateTable('workflows').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('workflows').where('id', '=', id).execute();
  }

  findOwned(userId: string, id: string): Promise<Workflow | undefined> {
    return this.db.selectFrom('workflows').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  /** Most recently changed first. */
  listForUser(userId: string, limit: number): Promise<Workflow[]> {
    return this.db.selectFrom('workflows').selectAll().where('user_id', '=', userId)
      .orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async insertRunIn(trx: Conn, run: WorkflowRun): Promise<void> {
    await trx.insertInto('workflow_runs').values(run).execute();
  }

  findRun(id: string): Promise<WorkflowRun | undefined> {
    return this.db.selectFrom('workflow_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findOwnedRun(userId: string, id: string): Promise<WorkflowRun | undefined> {
    return this.db.selectFrom('workflow_runs').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  /** Newest first; of one workflow when `workflowId` is given. */
  listRuns(userId: string, limit: number, workflowId?: string): Promise<WorkflowRun[]> {
    let q = this.db.selectFrom('workflow_runs').selectAll().where('user_id', '=', userId);
    if (workflowId) q = q.where('workflow_id', '=', workflowId);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  stepsOf(runIds: readonly string[]): Promise<WorkflowRunStep[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('workflow_run_steps').selectAll().where('run_id', 'in', runIds).orderBy('run_id').orderBy('idx').execute();
  }

  findStep(runId: string, idx: number): Promise<WorkflowRunStep | undefined> {
    return this.db.selectFrom('workflow_run_steps').selectAll().where('run_id', '=', runId).where('idx', '=', idx).executeTakeFirst();
  }

  /** The runs these generations are steps of. */
  async runsOf(generationIds: readonly string[]): Promise<Map<string, { id: string; name: string; step: number }>> {
    if (generationIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('workflow_run_steps as s').innerJoin('workflow_runs as r', 'r.id', 's.run_id')
      .select(['s.generation_id', 's.idx', 'r.id', 'r.name']).where('s.generation_id', 'in', generationIds).execute();
    return new Map(rows.map((r) => [r.generation_id!, { id: r.id, name: r.name, step: r.idx }]));
  }

  stepOfGeneration(generationId: string): Promise<WorkflowRunStep | undefined> {
    return this.db.selectFrom('workflow_run_steps').selectAll().where('generation_id', '=', generationId).executeTakeFirst();
  }

  /** False when the step was already started (by another attempt of the run's job): nothing is written then. */
  async startStepIn(trx: Conn, step: WorkflowRunStep): Promise<boolean> {
    const res = await trx.insertInto('workflow_run_steps').values(step)
      .onConflict((oc) => oc.columns(['run_id', 'idx']).doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async endStep(runId: string, idx: number, end: Pick<WorkflowRunStep, 'status' | 'asset_ids' | 'error' | 'finished_at'>): Promise<void> {
    await this.db.updateTable('workflow_run_steps').set(end).where('run_id', '=', runId).where('idx', '=', idx).execute();
  }

  /** Moves a run still active on `from` to the next step; false when another process moved it first. */
  async advance(runId: string, from: number, progress: number): Promise<boolean> {
    const res = await this.db.updateTable('workflow_runs').set({ current_step: from + 1, progress })
      .where('id', '=', runId).where('current_step', '=', from).where('status', 'in', ACTIVE).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async markRunning(runId: string, at: number): Promise<void> {
    await this.db.updateTable('workflow_runs').set({ status: 'running', started_at: at }).where('id', '=', runId).where('status', '=', 'queued').execute();
  }

  /** Ends an active run; false when it had already ended (so it ends once). */
  async finish(runId: string, status: WorkflowRunStatus, at: number, error: string | null, progress?: number): Promise<boolean> {
    const res = await this.db.updateTable('workflow_runs')
      .set({ status, finished_at: at, error, ...(progress === undefined ? {} : { progress }) })
      .where('id', '=', runId).where('status', 'in', ACTIVE).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('workflow_runs').where('user_id', '=', userId).execute();
    await this.db.deleteFrom('workflows').where('user_id', '=', userId).execute();
  }
}
