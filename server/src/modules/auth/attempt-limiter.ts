import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { newId, sha256Hex } from '../../lib/ids.js';
import { AttemptRepository } from './attempt-repository.js';

/** A set of password checks counted together, e.g. one account from one client. */
export interface Bucket {
  key: string;
  /** Most checks in the window. */
  limit: number;
  /** After FREE_CHECKS checks, each further one waits 1 s, 2 s, 4 s … after the one before (see ADR 0014). */
  progressive: boolean;
  /** Whether a right password empties the bucket (an account's own bucket: yes; a client's across accounts: no). */
  clearedBySuccess: boolean;
  /** The window this bucket counts over, when not the limiter's (at most LONGEST_WINDOW_MS). */
  windowMs?: number;
}

/** The longest window a bucket may have: rows older than this (or the limiter's window) are deleted. */
export const LONGEST_WINDOW_MS = 60 * 60_000;

/** The outcome of the check a reservation was for: a right password clears the buckets that say so. */
export interface Reservation {
  succeeded(): Promise<void>;
}

const FREE_CHECKS = 3;

/**
 * Limits password checks (and the other guesses and floods of auth and share links: second-factor codes, reset
 * emails, anonymous sign-in ceremonies, share lookups) in the database, so every process of an instance shares one
 * count (SQLite and PostgreSQL alike). A check is reserved before the password is verified: its row is inserted, then the bucket's
 * rows are counted. Each reservation sees its own row and every row committed before it, so however many requests
 * race, at most `limit` of them find the bucket within its limit. A refused reservation is removed again: refusing
 * costs no check, and hammering does not push the owner's next chance further away.
 */
export class AttemptLimiter {
  private readonly repo: AttemptRepository;

  constructor(db: Db, private readonly clock: Clock, private readonly windowMs: number) {
    this.repo = new AttemptRepository(db);
  }

  /** Reserves one check in every bucket, or throws RATE_LIMITED with when to try again (`what`: "sign-in attempts"). */
  async reserve(buckets: Bucket[], what: string): Promise<Reservation> {
    const now = this.clock.now();
    const reserved: { id: string; bucket: string; rule: Bucket }[] = [];
    for (const rule of buckets) {
      const row = { id: newId(), bucket: sha256Hex(`attempt:${rule.key}`), at: now };
      await this.repo.insert(row);
      reserved.push({ id: row.id, bucket: row.bucket, rule });
    }
    let waitMs = 0;
    for (const r of reserved) {
      const others = await this.repo.othersSince(r.bucket, now - this.windowOf(r.rule), r.id);
      waitMs = Math.max(waitMs, this.waitMs(r.rule, others, now));
    }
    const ids = reserved.map((r) => r.id);
    if (waitMs > 0) {
      await this.repo.deleteIds(ids);
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError('RATE_LIMITED', `Too many ${what}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
    }
    return {
      succeeded: async () => {
        await this.repo.deleteBuckets(reserved.filter((r) => r.rule.clearedBySuccess).map((r) => r.bucket));
        await this.repo.deleteIds(ids);
      },
    };
  }

  /** Like reserve, for a limit that is kept without telling anyone (emails sent after an answer): undefined when spent. */
  async tryReserve(buckets: Bucket[]): Promise<Reservation | undefined> {
    try {
      return await this.reserve(buckets, 'attempts');
    } catch (err) {
      if (err instanceof AppError && err.code === 'RATE_LIMITED') return undefined;
      throw err;
    }
  }

  /** Reserves a check, runs `verify`, and counts the check as failed unless it answered true. */
  async check(buckets: Bucket[], what: string, verify: () => Promise<boolean>): Promise<boolean> {
    const reservation = await this.reserve(buckets, what);
    const ok = await verify();
    if (ok) await reservation.succeeded();
    return ok;
  }

  /** Maintenance: rows that no longer count. */
  deleteExpired(): Promise<number> {
    return this.repo.deleteBefore(this.clock.now() - Math.max(this.windowMs, LONGEST_WINDOW_MS));
  }

  private windowOf(rule: Bucket): number {
    return Math.min(rule.windowMs ?? this.windowMs, Math.max(this.windowMs, LONGEST_WINDOW_MS));
  }

  /** How long the bucket must wait, given the times of its other checks in the window (oldest first). */
  private waitMs(rule: Bucket, others: number[], now: number): number {
    const n = others.length;
    const windowMs = this.windowOf(rule);
    let wait = 0;
    if (n >= rule.limit) wait = others[n - rule.limit]! + windowMs - now;
    if (rule.progressive && n >= FREE_CHECKS) {
      const delay = Math.min(1000 * 2 ** (n - FREE_CHECKS), windowMs);
      wait = Math.max(wait, others[n - 1]! + delay - now);
    }
    return wait;
  }
}

/**
 * Sign-in: one account from one client (so a stranger elsewhere cannot lock the owner out), and one client across
 * accounts (so one client cannot try a password on many accounts).
 */
export function loginBuckets(email: string, client: string | null, limit: number): Bucket[] {
  return [
    { key: `login|${email}|${client ?? 'unknown'}`, limit, progressive: true, clearedBySuccess: true },
    { key: `login-client|${client ?? 'unknown'}`, limit: limit * 3, progressive: false, clearedBySuccess: false },
  ];
}

/** Wrong second-factor codes (TOTP or recovery) of one account, from anywhere; a right code clears them. */
export function secondFactorBuckets(userId: string, limit: number): Bucket[] {
  return [{ key: `totp|${userId}`, limit, progressive: false, clearedBySuccess: true }];
}

/** The password asked again of a signed-in person (email change, password change, deletion): per account and client. */
export function recheckBuckets(userId: string, client: string | null, limit: number): Bucket[] {
  return [{ key: `recheck|${userId}|${client ?? 'unknown'}`, limit, progressive: true, clearedBySuccess: true }];
}
