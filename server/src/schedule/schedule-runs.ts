import type { Db } from '../db/database.js';

/**
 * Exactly-once runs of scheduled tasks across every process on one database, SQLite or PostgreSQL, without Redis:
 * a slot is claimed by inserting its row, and the primary key (name, slot) lets one insert in.
 */
export class ScheduleRuns {
  constructor(private readonly db: Db) {}

  /** True for the one caller that claimed the slot; false for every other, in any process, at any time. */
  async claim(name: string, slot: string, now: number): Promise<boolean> {
    const res = await this.db
      .insertInto('schedule_runs')
      .values({ name, slot, started_at: now, finished_at: null })
      .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async finish(name: string, slot: string, now: number): Promise<void> {
    await this.db.updateTable('schedule_runs').set({ finished_at: now }).where('name', '=', name).where('slot', '=', slot).execute();
  }

  /** Part of log retention. */
  async deleteStartedBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('schedule_runs').where('started_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

/** The slot of a daily task: the UTC day of `now`, as `2026-07-01`. */
export const dailySlot = (now: number) => new Date(now).toISOString().slice(0, 10);
