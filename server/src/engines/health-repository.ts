import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { EngineRunOutcome, EngineRunsTable } from '../db/schema.js';

export interface EngineRunCounts {
  calls: number;
  errors: number;
  refusals: number;
}

/** The engine_runs table: one row per provider call, read back as per-engine health. */
export class EngineHealthRepository {
  constructor(private readonly db: Db) {}

  async insert(run: Insertable<EngineRunsTable>): Promise<void> {
    await this.db.insertInto('engine_runs').values(run).execute();
  }

  async deleteBefore(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('engine_runs').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Calls of the engine since `since`, and how many of them failed or were refused. */
  async countsSince(engine: string, since: number): Promise<EngineRunCounts> {
    const row = await this.db.selectFrom('engine_runs')
      .select((eb) => [
        eb.fn.countAll<number>().as('calls'),
        eb.fn.sum<number>(eb.case().when('outcome', '=', 'error').then(1).else(0).end()).as('errors'),
        eb.fn.sum<number>(eb.case().when('outcome', '=', 'refused').then(1).else(0).end()).as('refusals'),
      ])
      .where('engine', '=', engine).where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    // SUM over no rows is null; drivers return counts as numbers, bigints or strings.
    return { calls: Number(row.calls), errors: Number(row.errors ?? 0), refusals: Number(row.refusals ?? 0) };
  }

  /** The engine's most recent call with this outcome. */
  latest(engine: string, outcome: EngineRunOutcome) {
    return this.db.selectFrom('engine_runs').select(['created_at', 'code', 'http_status', 'detail'])
      .where('engine', '=', engine).where('outcome', '=', outcome)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  }
}
