import type { Db } from '../../db/database.js';
import type { SupportMessagesTable } from '../../db/schema.js';

export type SupportMessage = SupportMessagesTable;

/** Support messages. SQL only. */
export class SupportRepository {
  constructor(private readonly db: Db) {}

  async insert(message: SupportMessage): Promise<void> {
    await this.db.insertInto('support_messages').values(message).execute();
  }

  /** The newest `limit` messages, for the admin console. */
  listNewest(limit: number): Promise<SupportMessage[]> {
    return this.db.selectFrom('support_messages').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  listForUser(userId: string): Promise<SupportMessage[]> {
    return this.db.selectFrom('support_messages').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  }

  /** Retention: messages written before `cutoff`; returns how many went. */
  async deleteBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('support_messages').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('support_messages').where('user_id', '=', userId).execute();
  }
}
