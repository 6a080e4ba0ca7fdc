import type { Db } from '../../../db/database.js';
import type { LinkedIdentity } from '../../../db/schema.js';

export class LinkedIdentityRepository {
  constructor(private readonly db: Db) {}

  find(issuer: string, subject: string): Promise<LinkedIdentity | undefined> {
    return this.db.selectFrom('linked_identities').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  }

  async insert(identity: LinkedIdentity): Promise<void> {
    await this.db.insertInto('linked_identities').values(identity).execute();
  }

  async recordUse(id: string, at: number): Promise<void> {
    await this.db.updateTable('linked_identities').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** The person's linked identities, oldest first. */
  listForUser(userId: string): Promise<LinkedIdentity[]> {
    return this.db.selectFrom('linked_identities').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('linked_identities').where('user_id', '=', userId).execute();
  }
}
