import type { Batch, GenerationStatus } from '../../db/schema.js';
import type { BatchRowState, BatchRowStatus } from './repository.js';

const ACTIVE: ReadonlySet<BatchRowStatus> = new Set(['waiting', 'queued', 'running']);
const NOT_STARTED: ReadonlySet<BatchRowStatus> = new Set(['waiting', 'queued']);

/**
 * queued until a row starts (rows waiting in the batch have not), running while any is active or waiting, then
 * succeeded, failed (no image at all) or partial.
 */
export function batchStatus(batch: Pick<Batch, 'canceled_at'>, rows: readonly Pick<BatchRowState, 'status'>[]): GenerationStatus {
  if (batch.canceled_at !== null) return 'canceled';
  if (rows.some((r) => ACTIVE.has(r.status))) return rows.every((r) => NOT_STARTED.has(r.status)) ? 'queued' : 'running';
  if (rows.every((r) => r.status === 'succeeded')) return 'succeeded';
  return rows.some((r) => r.status === 'succeeded' || r.status === 'partial') ? 'partial' : 'failed';
}

export function statusCounts(rows: readonly Pick<BatchRowState, 'status'>[]): Record<BatchRowStatus, number> {
  const counts: Record<BatchRowStatus, number> = { waiting: 0, queued: 0, running: 0, succeeded: 0, partial: 0, failed: 0, canceled: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

export function batchProgress(rows: readonly Pick<BatchRowState, 'status' | 'progress'>[]): number {
  if (rows.length === 0) return 1;
  return rows.reduce((sum, r) => sum + (ACTIVE.has(r.status) ? r.progress : 1), 0) / rows.length;
}
