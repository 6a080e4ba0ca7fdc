import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

export class ModerationRepository {
  constructor(private readonly db: Db) {}

  /** Adds one refusal to the person's count (atomically, on both databases); answers the new count. */
  async countRefusal(userId: string, category: string, at: number, db: Kysely<Database> = this.db): Promise<number> {
    const row = await db.insertInto('moderation_refusals')
      .values({ user_id: userId, refusals: 1, last_category: category, last_refused_at: at, suspended_at: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({
        refusals: eb('moderation_refusals.refusals', '+', 1), last_category: category, last_refused_at: at,
      })))
      .returning('refusals')
      .executeTakeFirstOrThrow();
    return Number(row.refusals);
  }

  async markSuspended(userId: string, at: number, db: Kysely<Database> = this.db): Promise<void> {
    await db.updateTable('moderation_refusals').set({ suspended_at: at }).where('user_id', '=', userId).execute();
  }

  async find(userId: string) {
    return this.db.selectFrom('moderation_refusals').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('moderation_refusals').where('user_id', '=', userId).execute();
  }
}
