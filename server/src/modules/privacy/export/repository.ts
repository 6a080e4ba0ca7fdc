import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Database, DataExport, ExportStatus } from '../../../db/schema.js';

/** Rows of the exports table. SQL only: the rules (rate limit, ownership, expiry) live in ExportService. */
export class ExportRepository {
  constructor(private readonly db: Db) {}

  async insertIn(trx: Transaction<Database>, row: DataExport): Promise<void> {
    await trx.insertInto('exports').values(row).execute();
  }

  find(id: string): Promise<DataExport | undefined> {
    return this.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findOwned(userId: string, id: string): Promise<DataExport | undefined> {
    return this.db.selectFrom('exports').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  listForUser(userId: string, limit: number): Promise<DataExport[]> {
    return this.db.selectFrom('exports').selectAll().where('user_id', '=', userId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** The user's latest export that counts against the rate limit (a failed one does not). */
  latestCounted(userId: string, db: Kysely<Database> = this.db): Promise<DataExport | undefined> {
    return db.selectFrom('exports').selectAll().where('user_id', '=', userId).where('status', '!=', 'failed')
      .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  }

  /** Moves the export from one of `from` to `to`; false when it was not in one of them (someone else moved it). */
  async transition(id: string, from: ExportStatus[], patch: Partial<DataExport> & { status: ExportStatus },
    db: Kysely<Database> = this.db): Promise<boolean> {
    const res = await db.updateTable('exports').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  listExpired(now: number, limit: number): Promise<DataExport[]> {
    return this.db.selectFrom('exports').selectAll().where('status', '=', 'ready').where('expires_at', '<=', now)
      .orderBy('expires_at').limit(limit).execute();
  }

  /** Rows of exports that ended (expired or failed) before `cutoff`: metadata only, their files are gone. */
  async deleteEndedBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('exports').where('status', 'in', ['expired', 'failed'])
      .where('created_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  listForUserAll(userId: string): Promise<DataExport[]> {
    return this.db.selectFrom('exports').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('exports').where('user_id', '=', userId).execute();
  }
}
