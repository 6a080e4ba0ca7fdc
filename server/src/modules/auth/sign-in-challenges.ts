import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { SignInChallenge } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/ids.js';
import type { AttemptLimiter } from './attempt-limiter.js';

export type ChallengePurpose = SignInChallenge['purpose'];

/**
 * The server side of sign-in ceremonies (passkey challenges, OpenID Connect state): each is stored under the hash
 * of the value the browser hands back, lives minutes, and is deleted by the statement that reads it, so two
 * requests racing with the same value cannot both use it. A PostgreSQL or SQLite DELETE … RETURNING does both.
 * Its data (a PKCE verifier, a nonce) is encrypted with a key derived from that value, which the database never
 * holds: a copy of the database alone cannot complete a ceremony.
 */
export class SignInChallenges {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async issue(purpose: ChallengePurpose, key: string, data: unknown, ttlMs: number, userId: string | null = null): Promise<void> {
    const now = this.clock.now();
    // Abandoned ceremonies are tidied as new ones start; nothing else needs to sweep the table.
    await this.db.deleteFrom('sign_in_challenges').where('expires_at', '<=', now).execute();
    await this.db.insertInto('sign_in_challenges')
      .values({ id: sha256Hex(key), purpose, user_id: userId, data: seal(key, JSON.stringify(data)), expires_at: now + ttlMs })
      .execute();
  }

  /** Consumes the challenge: its data when it exists, is for `purpose` and `userId`, and has not expired. */
  async take<T>(purpose: ChallengePurpose, key: string, userId: string | null = null): Promise<T | undefined> {
    const row = await this.db.deleteFrom('sign_in_challenges')
      .where('id', '=', sha256Hex(key)).where('purpose', '=', purpose)
      .returning(['user_id', 'data', 'expires_at'])
      .executeTakeFirst();
    if (!row || row.user_id !== userId || Number(row.expires_at) <= this.clock.now()) return undefined;
    return JSON.parse(open(key, row.data)) as T;
  }

  async eraseFor(userId: string): Promise<void> {
    await this.db.deleteFrom('sign_in_challenges').where('user_id', '=', userId).execute();
  }
}

const dataKey = (key: string) => crypto.createHash('sha256').update(`sign-in-challenge-data:${key}`).digest();

function seal(key: string, text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', dataKey(key), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(key: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', dataKey(key), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** Ceremonies a client may start without being signed in, per minute: each one writes a row. */
export const ANONYMOUS_STARTS_PER_MINUTE = 30;

/**
 * Bounds the ceremonies anyone can start (passkey sign-in options, single sign-on starts) per client address, counted
 * in the database so that every process of the instance shares the count.
 */
export class AnonymousCeremonyLimit {
  constructor(private readonly attempts: AttemptLimiter) {}

  /** Counts a start from `ip`, or throws RATE_LIMITED when it has started too many within the minute. */
  async take(ip: string | null): Promise<void> {
    await this.attempts.reserve([{
      key: `ceremony|${ip ?? 'unknown'}`, limit: ANONYMOUS_STARTS_PER_MINUTE, windowMs: 60_000, progressive: false, clearedBySuccess: false,
    }], 'sign-in attempts');
  }
}
