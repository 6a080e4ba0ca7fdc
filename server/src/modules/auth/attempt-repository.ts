import type { Db } from '../../db/database.js';

/** The rows of auth_attempts: one per password check reserved in a bucket. */
export class AttemptRepository {
  constructor(private readonly db: Db) {}

  async insert(row: { id: string; bucket: string; at: number }): Promise<void> {
    await this.db.insertInto('auth_attempts').values(row).execute();
  }

  /** When the other checks of the bucket since `since` were reserved, oldest first. */
  async othersSince(bucket: string, since: number, mine: string): Promise<number[]> {
    const rows = await this.db.selectFrom('auth_attempts').select('at')
      .where('bucket', '=', bucket).where('at', '>', since).where('id', '!=', mine)
      .orderBy('at').orderBy('id').execute();
    return rows.map((r) => Number(r.at));
  }

  async deleteIds(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.deleteFrom('auth_attempts').where('id', 'in', ids).execute();
  }

  async deleteBuckets(buckets: string[]): Promise<void> {
    if (buckets.length > 0) await this.db.deleteFrom('auth_attempts').where('bucket', 'in', buckets).execute();
  }

  async deleteBefore(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('auth_attempts').where('at', '<=', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
