import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

export interface DailyCount {
  day: string;
  dimension: string;
  value: string;
  count: number;
}

/** Daily aggregates and the day's visitor salt. No table here has a column for a user id, an IP or an email. */
export class AnalyticsRepository {
  constructor(private readonly db: Db) {}

  /** Adds the counts (one upsert per row, in one transaction). */
  async add(counts: readonly DailyCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const c of counts) {
        await trx.insertInto('analytics_daily').values(c)
          .onConflict((oc) => oc.columns(['day', 'dimension', 'value']).doUpdateSet({ count: sql<number>`analytics_daily.count + excluded.count` }))
          .execute();
      }
    });
  }

  between(fromDay: string, toDay: string): Promise<DailyCount[]> {
    return this.db.selectFrom('analytics_daily').selectAll().where('day', '>=', fromDay).where('day', '<=', toDay)
      .orderBy('day').orderBy('dimension').orderBy('count', 'desc').execute();
  }

  async saltFor(day: string): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('analytics_salts').select('salt').where('day', '=', day).executeTakeFirst();
    return row?.salt;
  }

  /** Stores the salt unless the day has one already; returns the day's salt either way. */
  async createSalt(day: string, salt: Buffer, now: number): Promise<Buffer> {
    await this.db.insertInto('analytics_salts').values({ day, salt, created_at: now })
      .onConflict((oc) => oc.column('day').doNothing()).execute();
    return (await this.saltFor(day))!;
  }

  /** Records a visitor hash for the day; true when it is the first time that day. */
  async addVisitor(day: string, hash: string): Promise<boolean> {
    const res = await this.db.insertInto('analytics_visitors').values({ day, hash })
      .onConflict((oc) => oc.columns(['day', 'hash']).doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Salts and visitor hashes of days before `day`: once gone, a past day's hashes can never be linked again. */
  async deleteSaltsBefore(day: string): Promise<number> {
    await this.db.deleteFrom('analytics_visitors').where('day', '<', day).execute();
    const res = await this.db.deleteFrom('analytics_salts').where('day', '<', day).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async deleteCountsBefore(day: string): Promise<number> {
    const res = await this.db.deleteFrom('analytics_daily').where('day', '<', day).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
