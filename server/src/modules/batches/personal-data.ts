import type { Db } from '../../db/database.js';
import { groupBy } from '../../lib/group-by.js';
import { type ExportEntry, type PersonalData } from '../../lib/personal-data.js';
import type { BatchRepository } from './repository.js';

/**
 * The person's batches: file names, dates and which generation or run each row became (the prompts are in the
 * generations), and the fields of rows still waiting to be released.
 */
export class BatchPersonalData implements PersonalData {
  readonly tables = ['batches', 'batch_rows'];
  readonly exported = this.tables;

  constructor(private readonly db: Db, private readonly repo: BatchRepository) {}

  async *exportFor(userId: string): AsyncGenerator<ExportEntry> {
    const batches = (await this.repo.listForUser(userId, Number.MAX_SAFE_INTEGER)).reverse();
    const rows = groupBy(await this.db.selectFrom('batch_rows').select(['batch_id', 'row_number', 'line', 'generation_id', 'workflow_run_id', 'input', 'error'])
      .where('batch_id', 'in', batches.length ? batches.map((b) => b.id) : [''])
      .orderBy('batch_id').orderBy('row_number').execute(), (r) => r.batch_id);
    yield {
      path: 'batches.json',
      json: batches.map((b) => ({
        id: b.id, fileName: b.file_name, rowCount: b.row_count, createdAt: new Date(b.created_at).toISOString(),
        canceledAt: b.canceled_at === null ? null : new Date(b.canceled_at).toISOString(),
        rows: (rows.get(b.id) ?? []).map((r) => ({
          row: r.row_number, line: r.line, generationId: r.generation_id, workflowRunId: r.workflow_run_id,
          ...(r.input ? { waiting: JSON.parse(r.input) as unknown } : {}), ...(r.error ? { error: JSON.parse(r.error) as unknown } : {}),
        })),
      })),
    };
  }

  /** Rows go with their batch (on delete cascade). */
  async eraseFor(userId: string): Promise<void> {
    await this.repo.deleteForUser(userId);
  }
}
