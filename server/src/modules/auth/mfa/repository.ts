import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Database } from '../../../db/schema.js';

export type TotpRow = Selectable<Database['mfa_totp']>;

/** TOTP secrets, recovery codes (hashed) and half-done logins of people with a second factor. */
export class MfaRepository {
  constructor(private readonly db: Db) {}

  findTotp(userId: string): Promise<TotpRow | undefined> {
    return this.db.selectFrom('mfa_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  /** Replaces an unconfirmed enrolment; does nothing (false) when a confirmed one exists. */
  async startEnrolment(userId: string, secret: Buffer, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('mfa_totp').select('confirmed_at').where('user_id', '=', userId).executeTakeFirst();
      if (existing?.confirmed_at != null) return false;
      await trx.deleteFrom('mfa_totp').where('user_id', '=', userId).execute();
      await trx.insertInto('mfa_totp').values({ user_id: userId, secret, confirmed_at: null, created_at: now }).execute();
      return true;
    });
  }

  /** Turns the factor on with its recovery codes, in one transaction; false when it was already on. */
  async confirm(userId: string, counter: number, codeIds: string[], now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('mfa_totp').set({ confirmed_at: now, last_counter: counter })
        .where('user_id', '=', userId).where('confirmed_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
      await trx.insertInto('mfa_recovery_codes').values(codeIds.map((id) => ({ id, user_id: userId, created_at: now, used_at: null }))).execute();
      return true;
    });
  }

  /** Accepts a time step once only: true when `counter` is later than any accepted before. */
  async advanceCounter(userId: string, counter: number): Promise<boolean> {
    const res = await this.db.updateTable('mfa_totp').set({ last_counter: counter })
      .where('user_id', '=', userId).where('last_counter', '<', counter).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async useRecoveryCode(userId: string, id: string, now: number): Promise<boolean> {
    const res = await this.db.updateTable('mfa_recovery_codes').set({ used_at: now })
      .where('id', '=', id).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  listRecoveryCodes(userId: string): Promise<{ created_at: number; used_at: number | null }[]> {
    return this.db.selectFrom('mfa_recovery_codes').select(['created_at', 'used_at']).where('user_id', '=', userId).orderBy('created_at').execute();
  }

  async insertChallenge(row: { id: string; user_id: string; method: string; created_at: number; expires_at: number }): Promise<void> {
    await this.db.insertInto('mfa_challenges').values(row).execute();
  }

  findChallenge(id: string, now: number): Promise<{ user_id: string; method: string } | undefined> {
    return this.db.selectFrom('mfa_challenges').select(['user_id', 'method']).where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
  }

  async deleteChallenge(id: string): Promise<void> {
    await this.db.deleteFrom('mfa_challenges').where('id', '=', id).execute();
  }

  async deleteChallengesOf(userId: string): Promise<number> {
    const res = await this.db.deleteFrom('mfa_challenges').where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Half-done logins whose time ran out. */
  async deleteExpiredChallenges(now: number): Promise<number> {
    const res = await this.db.deleteFrom('mfa_challenges').where('expires_at', '<=', now).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Turning the factor off, and the account purge. */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
      await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
      await trx.deleteFrom('mfa_totp').where('user_id', '=', userId).execute();
    });
  }
}
