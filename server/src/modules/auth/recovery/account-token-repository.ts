import type { Db } from '../../../db/database.js';
import type { AccountTokenPurpose } from '../../../db/schema.js';

export interface AccountTokenRow {
  user_id: string;
  purpose: AccountTokenPurpose;
  email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Single-use email links (password reset, email verification), kept as the sha256 of their token. */
export class AccountTokenRepository {
  constructor(private readonly db: Db) {}

  async insert(row: AccountTokenRow & { id: string }): Promise<void> {
    await this.db.insertInto('account_tokens').values(row).execute();
  }

  /** The token when it is unused and not expired; nothing is changed. */
  findUsable(id: string, purpose: AccountTokenPurpose, now: number): Promise<AccountTokenRow | undefined> {
    return this.db.selectFrom('account_tokens').select(['user_id', 'purpose', 'email', 'created_at', 'expires_at', 'used_at'])
      .where('id', '=', id).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Marks the token used; true for the one caller that did (a token works once, however many race for it). */
  async consume(id: string, purpose: AccountTokenPurpose, now: number): Promise<boolean> {
    const res = await this.db.updateTable('account_tokens').set({ used_at: now })
      .where('id', '=', id).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Every unused link of this purpose stops working (a new password, a new address). */
  async revokeForUser(userId: string, purpose: AccountTokenPurpose, now: number): Promise<void> {
    await this.db.updateTable('account_tokens').set({ used_at: now })
      .where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  }

  listForUser(userId: string): Promise<AccountTokenRow[]> {
    return this.db.selectFrom('account_tokens').select(['user_id', 'purpose', 'email', 'created_at', 'expires_at', 'used_at'])
      .where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
  }

  /** Retention: links that expired before `cutoff`. */
  async deleteExpiredBefore(cutoff: number): Promise<number> {
    const res = await this.db.deleteFrom('account_tokens').where('expires_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
