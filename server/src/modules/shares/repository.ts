import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Share, User } from '../../db/schema.js';

/** Share links. SQL only: ownership and link rules live in ShareService. */
export class ShareRepository {
  constructor(private readonly db: Db) {}

  async insert(share: Omit<Share, 'view_count'>): Promise<void> {
    await this.db.insertInto('shares').values(share).execute();
  }

  /** The link with this token hash, and whether its owner's account is active (null: the account is gone). */
  async findByTokenHash(tokenHash: string): Promise<{ share: Share; ownerStatus: User['status'] | null } | undefined> {
    const row = await this.db.selectFrom('shares').leftJoin('users', 'users.id', 'shares.user_id')
      .selectAll('shares').select('users.status as owner_status').where('shares.token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return undefined;
    const { owner_status: ownerStatus, ...share } = row;
    return { share, ownerStatus };
  }

  findOwned(userId: string, id: string): Promise<Share | undefined> {
    return this.db.selectFrom('shares').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }

  /** The person's links, newest first (a person makes tens of links, not thousands: one bounded page). */
  listForUser(userId: string, limit = 500): Promise<Share[]> {
    return this.db.selectFrom('shares').selectAll().where('user_id', '=', userId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Marks the link revoked (the first time only). */
  async revoke(userId: string, id: string, at: number): Promise<void> {
    await this.db.updateTable('shares').set({ revoked_at: at })
      .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  /** One more view; a counter only, nothing about who viewed. */
  async countView(id: string): Promise<void> {
    await this.db.updateTable('shares').set({ view_count: sql`view_count + 1` }).where('id', '=', id).execute();
  }

  /** Every link of the person (the account purge). */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('shares').where('user_id', '=', userId).execute();
  }
}
