import type { Db } from '../../../db/database.js';

/** Policy acknowledgements (per person and version) and the record of which versions were announced. */
export class PolicyRepository {
  constructor(private readonly db: Db) {}

  async hasAcknowledged(userId: string, version: string): Promise<boolean> {
    const row = await this.db.selectFrom('policy_acknowledgements').select('version')
      .where('user_id', '=', userId).where('version', '=', version).executeTakeFirst();
    return row !== undefined;
  }

  async acknowledge(userId: string, version: string, at: number): Promise<void> {
    await this.db.insertInto('policy_acknowledgements').values({ user_id: userId, version, acknowledged_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'version']).doNothing()).execute();
  }

  /** The versions the person acknowledged, oldest first. */
  acknowledgementsOf(userId: string): Promise<{ version: string; acknowledged_at: number }[]> {
    return this.db.selectFrom('policy_acknowledgements').select(['version', 'acknowledged_at'])
      .where('user_id', '=', userId).orderBy('acknowledged_at').execute();
  }

  async deleteAcknowledgementsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('policy_acknowledgements').where('user_id', '=', userId).execute();
  }

  async wasAnnounced(version: string): Promise<boolean> {
    return (await this.db.selectFrom('policy_announcements').select('version').where('version', '=', version).executeTakeFirst()) !== undefined;
  }

  async recordAnnouncement(version: string, at: number, recipients: number): Promise<void> {
    await this.db.insertInto('policy_announcements').values({ version, announced_at: at, recipients })
      .onConflict((oc) => oc.column('version').doNothing()).execute();
  }

  /** Active accounts created before `before` that have not acknowledged `version`, by id after `afterId`. */
  /** Those of `userIds` who acknowledged `version`. */
  async acknowledgedAmong(version: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('policy_acknowledgements').select('user_id')
      .where('version', '=', version).where('user_id', 'in', userIds).execute();
    return new Set(rows.map((r) => r.user_id));
  }
}
