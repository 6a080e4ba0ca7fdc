import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Batch, BatchRow, User } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { groupBy } from '../../lib/group-by.js';
import { newId } from '../../lib/ids.js';
import { extensionOf } from '../assets/download-name.js';
import type { AssetService } from '../assets/service.js';
import type { RequestShape } from '../generations/admission.js';
import { costShapeOf, type CostShape } from '../generations/cost-shape.js';
import { shapeOf, type GenerationService } from '../generations/service.js';
import type { WorkflowService } from '../workflows/service.js';
import { BatchFeeder, type BatchConcurrency, type BatchFeederDeps } from './feeder.js';
import { parseBatchFile } from './parse.js';
import { atLine, isRun, planRow, type RowPlan } from './plan-row.js';
import { toGenerateInput, workflowRow } from './rows.js';
import type { BatchRepository, BatchRowState } from './repository.js';
import type { BatchDto, BatchSummaryDto } from './schemas.js';
import { batchProgress, batchStatus, statusCounts } from './status.js';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** The plan's limits a batch answers to: its whole cost up front, the concurrency its rows are released at. */
export interface BatchLimits extends BatchConcurrency {
  /** 402 INSUFFICIENT_CREDITS when these requests together cost more than the balance. */
  affordAll(userId: string, requests: readonly RequestShape[]): Promise<void>;
}

/**
 * Batches: an uploaded file of prompts becomes one generation per row, made through GenerationService exactly as
 * the studio makes them. Every row is checked, and the whole batch's credits against the balance, before anything
 * is written; then the batch and its rows are written, the rows waiting in it, and the feeder releases them into
 * the queue as the person's plan and rate limit allow (ADR 0034).
 */
export class BatchService {
  private readonly feeder: BatchFeeder;

  constructor(
    private readonly db: Db,
    private readonly repo: BatchRepository,
    private readonly generations: GenerationService,
    private readonly assets: AssetService,
    private readonly clock: Clock,
    private readonly workflows: Pick<WorkflowService, 'planRun' | 'enqueueRunIn' | 'committed' | 'cancelRun' | 'costOf'>,
    private readonly limits: BatchLimits & { users: BatchFeederDeps['users'] },
    /** Told when a batch ends, finished or canceled (the `batch.completed` webhook, keyed by the batch). */
    private readonly onEnded: (userId: string, batch: BatchSummaryDto) => Promise<void> = async () => {},
  ) {
    this.feeder = new BatchFeeder({
      db, repo, generations, workflows, users: limits.users, concurrency: limits, clock,
      rowRefused: async (batchId) => {
        const batch = await this.repo.find(batchId);
        const ended = batch && (await this.completed(batch));
        if (ended) await this.onEnded(batch.user_id, ended);
      },
    });
  }

  async create(user: Pick<User, 'id' | 'watermark_default'>, fileName: string, text: string): Promise<BatchDto> {
    const rows = parseBatchFile(fileName, text);
    await this.generations.takeRequestLimit(user.id);
    const plans: RowPlan[] = [];
    for (const row of rows) plans.push(await planRow({ generations: this.generations, workflows: this.workflows }, user, row));
    // A workflow row is counted at its first step; its later steps reserve theirs as they start.
    const requests = plans.flatMap((p) => (isRun(p) ? (p.first ? [p.first] : []) : [p])).map((p) => shapeOf(user.id, p));
    await this.limits.affordAll(user.id, requests);
    const batch: Batch = {
      id: newId(), user_id: user.id, file_name: fileName.slice(0, 200), row_count: rows.length, created_at: this.clock.now(), canceled_at: null, completed_at: null,
    };
    const batchRows: BatchRow[] = rows.map((row, i) => ({
      batch_id: batch.id, row_number: i + 1, line: row.line, generation_id: null, workflow_run_id: null,
      input: JSON.stringify(row.fields), released_at: null, error: null,
    }));
    await this.db.transaction().execute((trx) => this.repo.insertIn(trx, batch, batchRows));
    await this.feed(user.id);
    return this.get(user.id, batch.id);
  }

  /** Releases the person's waiting rows as far as their limits allow (after a batch is accepted, a generation ends, a tick). */
  feed(userId: string): Promise<void> {
    return this.feeder.feed(userId);
  }

  /** The periodic tick: everyone's waiting rows. */
  feedAll(): Promise<void> {
    return this.feeder.feedAll();
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
        error: r.error ? (JSON.parse(r.error) as { code: string; message: string }) : null,
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

  /**
   * After a generation or a workflow run ended: its batch's summary when the batch has ended (completed, not
   * canceled), marked completed on the first call. Asked again after a crash, it answers again: the announcement
   * (`batch.completed`, keyed by the batch) is queued once.
   */
  async rowEnded(subject: { generationId: string } | { workflowRunId: string }): Promise<BatchSummaryDto | undefined> {
    const batch = await this.repo.batchOf(subject);
    return batch && this.completed(batch);
  }

  private async completed(batch: Batch): Promise<BatchSummaryDto | undefined> {
    if (batch.canceled_at !== null) return undefined;
    const rows = await this.repo.rowStates([batch.id]);
    const status = batchStatus(batch, rows);
    if (status === 'queued' || status === 'running') return undefined;
    // Lost to a cancel at the same moment: the cancel announces the end.
    if (batch.completed_at === null && !(await this.repo.markCompleted(batch.id, this.clock.now()))) return undefined;
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
