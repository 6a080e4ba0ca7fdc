import type { Static } from '@sinclair/typebox';
import type { EngineHealthReportSchema } from './schemas.js';
import type { Db } from '../db/database.js';
import type { EngineRunOutcome } from '../db/schema.js';
import { DAY_MS, type Clock } from '../lib/clock.js';
import { EngineHealthRepository } from './health-repository.js';

/** One provider call as the health view sees it. `detail` must already be free of keys and prompts. */
export interface EngineCall {
  engine: string;
  model: string;
  outcome: EngineRunOutcome;
  httpStatus?: number;
  code?: string;
  detail?: string;
  durationMs: number;
}

/** What adapters report to; the health view reads the same records. */
export interface HealthReporter {
  record(call: EngineCall): Promise<void>;
}

export type EngineHealthReport = Static<typeof EngineHealthReportSchema>;

const WINDOW_MS = DAY_MS;
const PRUNE_EVERY = 500;

/** Per-engine health from the engine_runs table, so it survives restarts and covers every worker process. */
export class EngineHealth implements HealthReporter {
  private sincePrune = 0;
  private readonly runs: EngineHealthRepository;

  /** `keepDays`: ATELIER_LOG_RETENTION_DAYS, the one retention of every log (the daily maintenance applies it too). */
  constructor(db: Db, private readonly clock: Clock, private readonly keepDays: number) {
    this.runs = new EngineHealthRepository(db);
  }

  async record(call: EngineCall): Promise<void> {
    const now = this.clock.now();
    await this.runs.insert({
      engine: call.engine,
      model: call.model,
      outcome: call.outcome,
      http_status: call.httpStatus ?? null,
      code: call.code ?? null,
      detail: call.detail?.slice(0, 500) ?? null,
      duration_ms: Math.round(call.durationMs),
      created_at: now,
    });
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      await this.runs.deleteBefore(now - this.keepDays * DAY_MS);
    }
  }

  async report(engine: string): Promise<EngineHealthReport> {
    const now = this.clock.now();
    const { calls, errors, refusals } = await this.runs.countsSince(engine, now - WINDOW_MS);
    const lastOk = await this.runs.latest(engine, 'ok');
    const lastError = await this.runs.latest(engine, 'error');
    return {
      calls,
      errors,
      refusals,
      errorRate: calls === 0 ? 0 : errors / calls,
      lastSuccessAt: lastOk ? new Date(lastOk.created_at).toISOString() : null,
      lastError: lastError
        ? { at: new Date(lastError.created_at).toISOString(), code: lastError.code, httpStatus: lastError.http_status, detail: lastError.detail }
        : null,
    };
  }
}
