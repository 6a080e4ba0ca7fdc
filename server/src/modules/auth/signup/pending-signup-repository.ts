import type { Db } from '../../../db/database.js';
import type { PendingSignupsTable } from '../../../db/schema.js';

export type PendingSignup = PendingSignupsTable;

/** Sign-ups waiting for their emailed link, each kept under the sha256 of its link's token. */
export class PendingSignupRepository {
  constructor(private readonly db: Db) {}

  async insert(row: PendingSignup): Promise<void> {
    await this.db.insertInto('pending_signups').values(row).execute();
  }

  /** The sign-up while its link works; nothing is changed. */
  findUsable(id: string, now: number): Promise<PendingSignup | undefined> {
    return this.db.selectFrom('pending_signups').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  }

  /** Spends the link: true for the one caller that deleted it (a link works once, however many race for it). */
  async consume(id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('pending_signups').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }

  /** Every other waiting sign-up of the address goes once one of them made the account. */
  async deleteForEmail(email: string): Promise<void> {
    await this.db.deleteFrom('pending_signups').where('email', '=', email).execute();
  }

  /** Retention: links that expired before `cutoff`. */
  async deleteExpiredBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('pending_signups').where('expires_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
