import type { Batch, GenerationStatus } from '../../db/schema.js';
import type { BatchRowState } from './repository.js';

const ACTIVE: ReadonlySet<GenerationStatus> = new Set(['queued', 'running']);

/** queued until a row starts, running while any is active, then succeeded, failed (no image at all) or partial. */
export function batchStatus(batch: Pick<Batch, 'canceled_at'>, rows: readonly Pick<BatchRowState, 'status'>[]): GenerationStatus {
  if (batch.canceled_at !== null) return 'canceled';
  if (rows.some((r) => ACTIVE.has(r.status))) return rows.every((r) => r.status === 'queued') ? 'queued' : 'running';
  if (rows.every((r) => r.status === 'succeeded')) return 'succeeded';
  return rows.some((r) => r.status === 'succeeded' || r.status === 'partial') ? 'partial' : 'failed';
}

export function statusCounts(rows: readonly Pick<BatchRowState, 'status'>[]): Record<GenerationStatus, number> {
  const counts: Record<GenerationStatus, number> = { queued: 0, running: 0, succeeded: 0, partial: 0, failed: 0, canceled: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

export function batchProgress(rows: readonly Pick<BatchRowState, 'status' | 'progress'>[]): number {
  if (rows.length === 0) return 1;
  return rows.reduce((sum, r) => sum + (ACTIVE.has(r.status) ? r.progress : 1), 0) / rows.length;
}
