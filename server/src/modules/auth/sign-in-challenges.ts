import type { Db } from '../../db/database.js';
import type { SignInChallenge } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/ids.js';

export type ChallengePurpose = SignInChallenge['purpose'];

/**
 * The server side of sign-in ceremonies (passkey challenges, OpenID Connect state): each is stored under the hash
 * of the value the browser hands back, lives minutes, and is deleted by the statement that reads it, so two
 * requests racing with the same value cannot both use it. A PostgreSQL or SQLite DELETE … RETURNING does both.
 */
export class SignInChallenges {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async issue(purpose: ChallengePurpose, key: string, data: unknown, ttlMs: number, userId: string | null = null): Promise<void> {
    const now = this.clock.now();
    // Abandoned ceremonies are tidied as new ones start; nothing else needs to sweep the table.
    await this.db.deleteFrom('sign_in_challenges').where('expires_at', '<=', now).execute();
    await this.db.insertInto('sign_in_challenges')
      .values({ id: sha256Hex(key), purpose, user_id: userId, data: JSON.stringify(data), expires_at: now + ttlMs })
      .execute();
  }

  /** Consumes the challenge: its data when it exists, is for `purpose` and `userId`, and has not expired. */
  async take<T>(purpose: ChallengePurpose, key: string, userId: string | null = null): Promise<T | undefined> {
    const row = await this.db.deleteFrom('sign_in_challenges')
      .where('id', '=', sha256Hex(key)).where('purpose', '=', purpose)
      .returning(['user_id', 'data', 'expires_at'])
      .executeTakeFirst();
    if (!row || row.user_id !== userId || Number(row.expires_at) <= this.clock.now()) return undefined;
    return JSON.parse(row.data) as T;
  }

  async eraseFor(userId: string): Promise<void> {
    await this.db.deleteFrom('sign_in_challenges').where('user_id', '=', userId).execute();
  }
}
