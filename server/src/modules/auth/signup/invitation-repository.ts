import type { Db } from '../../../db/database.js';
import type { Database } from '../../../db/schema.js';
import type { Selectable } from 'kysely';

export type Invitation = Selectable<Database['invitations']>;

/** Single-use sign-up links made by administrators (`user_id` is the one who made it). */
export class InvitationRepository {
  constructor(private readonly db: Db) {}

  async insert(row: Invitation): Promise<void> {
    await this.db.insertInto('invitations').values(row).execute();
  }

  /** Newest first. */
  list(limit: number): Promise<Invitation[]> {
    return this.db.selectFrom('invitations').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  findUsable(tokenHash: string, now: number): Promise<Invitation | undefined> {
    return this.db.selectFrom('invitations').selectAll()
      .where('token_hash', '=', tokenHash).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  }

  /** Spends the invitation; true for the one caller that did. */
  async consume(id: string, now: number): Promise<boolean> {
    const res = await this.db.updateTable('invitations').set({ used_at: now })
      .where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setUsedBy(id: string, userId: string): Promise<void> {
    await this.db.updateTable('invitations').set({ used_by: userId }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('invitations').where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  listMadeBy(userId: string): Promise<Invitation[]> {
    return this.db.selectFrom('invitations').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  /** The person's invitations go; those they accepted forget who accepted them. */
  async eraseFor(userId: string): Promise<void> {
    await this.db.deleteFrom('invitations').where('user_id', '=', userId).execute();
    await this.db.updateTable('invitations').set({ used_by: null }).where('used_by', '=', userId).execute();
  }
}
