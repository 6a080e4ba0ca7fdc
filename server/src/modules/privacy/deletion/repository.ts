import type { Db } from '../../../db/database.js';

export interface DueDeletion {
  userId: string;
  state: 'pending' | 'purging';
}

/** Deletion requests (state of an account on its way out) and the tombstones table. */
export class DeletionRepository {
  constructor(private readonly db: Db) {}

  /**
   * In one transaction: the account is set pending_deletion (so no session or key authenticates any more), every
   * session is revoked, and the request is recorded. False when the account was not active.
   */
  async request(userId: string, requestedAt: number, purgeAt: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('users').set({ status: 'pending_deletion', updated_at: requestedAt })
        .where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return false;
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await trx.insertInto('deletion_requests')
        .values({ user_id: userId, state: 'pending', requested_at: requestedAt, purge_at: purgeAt })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ state: 'pending', requested_at: requestedAt, purge_at: purgeAt }))
        .execute();
      return true;
    });
  }

  /** Withdraws a pending request and reactivates the account; false when none was pending (or the purge began). */
  async cancel(userId: string, at: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('deletion_requests').where('user_id', '=', userId).where('state', '=', 'pending').executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await trx.updateTable('users').set({ status: 'active', updated_at: at })
        .where('id', '=', userId).where('status', '=', 'pending_deletion').execute();
      return true;
    });
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
