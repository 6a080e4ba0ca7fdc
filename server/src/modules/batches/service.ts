import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Batch, BatchRow, User } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { groupBy } from '../../lib/group-by.js';
import { newId } from '../../lib/ids.js';
import { extensionOf } from '../assets/download-name.js';
import type { AssetService } from '../assets/service.js';
import type { GenerationService, PlannedGeneration } from '../generations/service.js';
import { costShapeOf, type CostShape } from '../generations/cost-shape.js';
import type { PlannedRun, WorkflowService } from '../workflows/service.js';
import { parseBatchFile, type RawRow } from './parse.js';
import type { BatchRepository, BatchRowState } from './repository.js';
import { toGenerateInput, workflowRow } from './rows.js';
import type { BatchDto, BatchSummaryDto } from './schemas.js';
import { batchProgress, batchStatus, statusCounts } from './status.js';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Batches: an uploaded file of prompts becomes one generation per row, made through GenerationService exactly as
 * the studio makes them. Every row is checked before anything is written; then the batch, its rows, the
 * generations and their jobs are written in one transaction, so a batch is queued whole or not at all.
 */
export class BatchService {
  constructor(
    private readonly db: Db,
    private readonly repo: BatchRepository,
    private readonly generations: GenerationService,
    private readonly assets: AssetService,
    private readonly clock: Clock,
    private readonly workflows: Pick<WorkflowService, 'planRun' | 'enqueueRunIn' | 'committed' | 'cancelRun' | 'costOf'>,
    /** Told once when a batch ends, finished or canceled (the `batch.completed` webhook). */
    private readonly onEnded: (userId: string, batch: BatchSummaryDto) => Promise<void> = async () => {},
  ) {}

  async create(user: Pick<User, 'id' | 'watermark_default'>, fileName: string, text: string): Promise<BatchDto> {
    const rows = parseBatchFile(fileName, text);
    await this.generations.takeRequestLimit(user.id);
    const plans: Array<PlannedGeneration | PlannedRun> = [];
    for (const row of rows) plans.push(await this.plan(user, row));
    const batch: Batch = {
      id: newId(), user_id: user.id, file_name: fileName.slice(0, 200), row_count: rows.length, created_at: this.clock.now(), canceled_at: null, completed_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      const batchRows: BatchRow[] = [];
      for (const [i, plan] of plans.entries()) {
        const at = { batch_id: batch.id, row_number: i + 1, line: rows[i]!.line };
        if (isRun(plan)) {
          await atLine(rows[i]!, () => this.workflows.enqueueRunIn(trx, plan));
          batchRows.push({ ...at, generation_id: null, workflow_run_id: plan.run.id });
          continue;
        }
        // The plan's admission (credits, concurrent jobs) decides row by row; a refusal undoes the whole batch.
        const g = await atLine(rows[i]!, () => this.generations.enqueueIn(trx, user.id, plan));
        batchRows.push({ ...at, generation_id: g.id, workflow_run_id: null });
      }
      await this.repo.insertIn(trx, batch, batchRows);
    });
    this.generations.accepted(plans.filter((p): p is PlannedGeneration => !isRun(p)));
    this.workflows.committed(plans.filter(isRun));
    return this.get(user.id, batch.id);
  }

  /** What the file would queue, row by row, for the cost shown before it is sent: every check of `create`, nothing written. */
  async costOf(user: Pick<User, 'id' | 'watermark_default'>, fileName: string, text: string): Promise<CostShape[]> {
    const shapes: CostShape[] = [];
    for (const row of parseBatchFile(fileName, text)) {
      const run = workflowRow(row);
      if (run) shapes.push(...(await atLine(row, () => this.workflows.costOf(user, run.workflowId, run.inputs))));
      else shapes.push(costShapeOf(await atLine(row, () => this.generations.planGenerate(user.id, toGenerateInput(row), user))));
    }
    return shapes;
  }

  async get(userId: string, id: string): Promise<BatchDto> {
    const batch = await this.requireOwned(userId, id);
    const rows = await this.repo.rowStates([batch.id]);
    return {
      ...toSummary(batch, rows),
      rows: rows.map((r) => ({
        row: r.row_number, line: r.line, generationId: r.generation_id, workflowRunId: r.workflow_run_id, status: r.status, progress: r.progress,
      })),
    };
  }

  async list(userId: string, limit: number): Promise<BatchSummaryDto[]> {
    const batches = await this.repo.listForUser(userId, limit);
    const rows = groupBy(await this.repo.rowStates(batches.map((b) => b.id)), (r) => r.batch_id);
    return batches.map((b) => toSummary(b, rows.get(b.id) ?? []));
  }

  /** Cancels every row not yet finished; rows already done keep their images. The batch's end is announced. */
  async cancel(userId: string, id: string): Promise<BatchDto> {
    const batch = await this.requireOwned(userId, id);
    const rows = await this.repo.rowStates([batch.id]);
    const status = batchStatus(batch, rows);
    if (status !== 'queued' && status !== 'running' || !(await this.repo.markCanceled(batch.id, this.clock.now()))) {
      throw new AppError('INVALID_STATE', `This batch already ended (${status}); there is nothing to cancel.`);
    }
    for (const row of rows) {
      if (row.status !== 'queued' && row.status !== 'running') continue;
      try {
        if (row.workflow_run_id) await this.workflows.cancelRun(userId, row.workflow_run_id);
        else await this.generations.cancel(userId, row.generation_id!);
      } catch (err) {
        // A row that finished meanwhile keeps its result.
        if (!(err instanceof AppError && err.code === 'INVALID_STATE')) throw err;
      }
    }
    const canceled = await this.get(userId, id);
    const { rows: _rows, ...summary } = canceled;
    await this.onEnded(userId, summary);
    return canceled;
  }

  /** After a generation or a workflow run ended: its batch's summary when that was the batch's last row to end (once per batch). */
  async rowEnded(subject: { generationId: string } | { workflowRunId: string }): Promise<BatchSummaryDto | undefined> {
    const batch = await this.repo.batchOf(subject);
    if (!batch || batch.completed_at !== null || batch.canceled_at !== null) return undefined;
    const rows = await this.repo.rowStates([batch.id]);
    const status = batchStatus(batch, rows);
    if (status === 'queued' || status === 'running') return undefined;
    if (!(await this.repo.markCompleted(batch.id, this.clock.now()))) return undefined;
    return toSummary(batch, rows);
  }

  /** The batch's images as a zip, named by row: row-0001.png, or row-0001-2.png for the second image of a set. */
  async archive(userId: string, id: string): Promise<{ fileName: string; stream: Readable }> {
    const batch = await this.requireOwned(userId, id);
    const outputs = await this.repo.outputs(batch.id);
    if (outputs.length === 0) throw new AppError('INVALID_STATE', 'This batch has no images yet: wait until some rows have finished.');
    const rowHasSet = new Set(outputs.filter((o) => o.idx > 0).map((o) => o.row_number));
    const { stream } = await this.assets.archive(userId, outputs.map((o) => o.asset_id), (asset, i) => {
      const o = outputs[i]!;
      const row = String(o.row_number).padStart(4, '0');
      return `row-${row}${rowHasSet.has(o.row_number) ? `-${o.idx + 1}` : ''}.${extensionOf(asset.mime)}`;
    });
    return { fileName: `atelier-batch-${batch.id}.zip`, stream };
  }

  private async requireOwned(userId: string, id: string): Promise<Batch> {
    const batch = await this.repo.findOwned(userId, id);
    if (!batch) throw notFound('Batch');
    return batch;
  }

  /** A row checked as the studio checks a request (or, naming a workflow, as a run of it); any refusal names the row's line. */
  private plan(user: Pick<User, 'id' | 'watermark_default'>, row: RawRow): Promise<PlannedGeneration | PlannedRun> {
    const run = workflowRow(row);
    if (run) return atLine(row, () => this.workflows.planRun(user, run.workflowId, run.inputs));
    return atLine(row, () => this.generations.planGenerate(user.id, toGenerateInput(row), user));
  }
}

const isRun = (plan: PlannedGeneration | PlannedRun): plan is PlannedRun => 'run' in plan;

/** Runs `task` for a row; a refusal (4xx) comes back naming the row's line, with its code and details kept. */
async function atLine<T>(row: RawRow, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500 && !err.message.startsWith('Line ')) {
      throw new AppError(err.code, `Line ${row.line}: ${err.message}`, { ...err.details, line: row.line }, err.headers);
    }
    throw err;
  }
}

function toSummary(batch: Batch, rows: readonly BatchRowState[]): BatchSummaryDto {
  return {
    id: batch.id,
    fileName: batch.file_name,
    status: batchStatus(batch, rows),
    rowCount: batch.row_count,
    progress: batchProgress(rows),
    counts: statusCounts(rows),
    createdAt: iso(batch.created_at)!,
    canceledAt: iso(batch.canceled_at),
  };
}
