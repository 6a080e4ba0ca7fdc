import type { Kysely } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Database } from '../../../db/schema.js';

export interface DueDeletion {
  userId: string;
  state: 'pending' | 'purging';
}

/** Deletion requests (state of an account on its way out) and the tombstones table. */
export class DeletionRepository {
  constructor(private readonly db: Db) {}

  /** Records (or renews) a pending request. `db` may be a transaction. */
  async recordRequest(userId: string, requestedAt: number, purgeAt: number, db: Kysely<Database> = this.db): Promise<void> {
    await db.insertInto('deletion_requests')
      .values({ user_id: userId, state: 'pending', requested_at: requestedAt, purge_at: purgeAt })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ state: 'pending', requested_at: requestedAt, purge_at: purgeAt }))
      .execute();
  }

  /** Withdraws a pending request; false when none was pending (or the purge began). `db` may be a transaction. */
  async withdrawPending(userId: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const res = await db.deleteFrom('deletion_requests').where('user_id', '=', userId).where('state', '=', 'pending').executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  find(userId: string) {
    return this.db.selectFrom('deletion_requests').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  /** Requests whose grace period is over, and purges a crash interrupted (state 'purging'). */
  async due(now: number, limit: number): Promise<DueDeletion[]> {
    const rows = await this.db.selectFrom('deletion_requests').select(['user_id', 'state'])
      .where((eb) => eb.or([eb('state', '=', 'purging'), eb('purge_at', '<=', now)]))
      .orderBy('purge_at').limit(limit).execute();
    return rows.map((r) => ({ userId: r.user_id, state: r.state }));
  }

  /** Moves a pending request to 'purging' (from then on a login no longer cancels it). */
  async claim(userId: string): Promise<boolean> {
    const res = await this.db.updateTable('deletion_requests').set({ state: 'purging' })
      .where('user_id', '=', userId).where('state', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** The request, once the purge is through (its state 'purging' is what resumes a purge cut short). */
  async deleteRequest(userId: string): Promise<void> {
    await this.db.deleteFrom('deletion_requests').where('user_id', '=', userId).execute();
  }

  async listTombstones(): Promise<{ userId: string; deletedAt: number }[]> {
    const rows = await this.db.selectFrom('deletion_tombstones').select(['user_id', 'deleted_at']).execute();
    return rows.map((r) => ({ userId: r.user_id, deletedAt: r.deleted_at }));
  }

  async insertTombstone(userId: string, deletedAt: number): Promise<void> {
    await this.db.insertInto('deletion_tombstones').values({ user_id: userId, deleted_at: deletedAt })
      .onConflict((oc) => oc.column('user_id').doNothing()).execute();
  }
}
