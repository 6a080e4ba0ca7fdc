import type { Static } from '@sinclair/typebox';
import type { EngineHealthReportSchema } from './schemas.js';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { EngineRunOutcome } from '../db/schema.js';
import { DAY_MS, type Clock } from '../lib/clock.js';

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
const KEEP_MS = 30 * DAY_MS;
const PRUNE_EVERY = 500;

/** Per-engine health from the engine_runs table, so it survives restarts and covers every worker process. */
export class EngineHealth implements HealthReporter {
  private sincePrune = 0;

  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async record(call: EngineCall): Promise<void> {
    const now = this.clock.now();
    await this.db.insertInto('engine_runs').values({
      engine: call.engine,
      model: call.model,
      outcome: call.outcome,
      http_status: call.httpStatus ?? null,
      code: call.code ?? null,
      detail: call.detail?.slice(0, 500) ?? null,
      duration_ms: Math.round(call.durationMs),
      created_at: now,
    }).execute();
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      await this.db.deleteFrom('engine_runs').where('created_at', '<', now - KEEP_MS).execute();
    }
  }

  async report(engine: string): Promise<EngineHealthReport> {
    const now = this.clock.now();
    const counts = await this.db.selectFrom('engine_runs')
      .select([
        sql<number>`count(*)`.as('calls'),
        sql<number>`coalesce(sum(case when outcome = 'error' then 1 else 0 end), 0)`.as('errors'),
        sql<number>`coalesce(sum(case when outcome = 'refused' then 1 else 0 end), 0)`.as('refusals'),
      ])
      .where('engine', '=', engine).where('created_at', '>=', now - WINDOW_MS)
      .executeTakeFirstOrThrow();
    const lastOk = await this.db.selectFrom('engine_runs').select('created_at')
      .where('engine', '=', engine).where('outcome', '=', 'ok')
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const lastError = await this.db.selectFrom('engine_runs').select(['created_at', 'code', 'http_status', 'detail'])
      .where('engine', '=', engine).where('outcome', '=', 'error')
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const calls = Number(counts.calls);
    const errors = Number(counts.errors);
    return {
      calls,
      errors,
      refusals: Number(counts.refusals),
      errorRate: calls === 0 ? 0 : errors / calls,
      lastSuccessAt: lastOk ? new Date(lastOk.created_at).toISOString() : null,
      lastError: lastError
        ? { at: new Date(lastError.created_at).toISOString(), code: lastError.code, httpStatus: lastError.http_status, detail: lastError.detail }
        : null,
    };
  }
}
