import { AppError } from '../../http/errors.js';
import type { AttemptLimiter, Bucket, Reservation } from '../auth/attempt-limiter.js';

export interface LookupLimits {
  /** Page opens per IP per minute. */
  pagesPerMinute: number;
  /** Unknown tokens and wrong passwords per IP per 10 minutes: guessing stops long before it could succeed. */
  missesPer10Minutes: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = { pagesPerMinute: 60, missesPer10Minutes: 20 };

/** A lookup let through: it was a hit (its reserved miss is given back) or stays counted as a miss. */
export interface Lookup {
  found(): Promise<void>;
}

/**
 * Per-IP limits on share link lookups, counted in the database for every process (auth/attempt-limiter.ts). Images
 * of an open page are not counted as page opens, so an album of 200 thumbnails loads; their misses are. Each lookup
 * reserves a miss before it looks, and gives it back when it finds what it looked for.
 */
export class ShareLookupLimiter {
  constructor(private readonly attempts: AttemptLimiter, private readonly limits: LookupLimits = DEFAULT_LOOKUP_LIMITS) {}

  /** Reserves the lookup (and a page open when `page`), or answers the seconds the IP must wait. */
  async admit(ip: string, page: boolean): Promise<Lookup | { retryAfterSeconds: number }> {
    try {
      const miss = await this.attempts.reserve([this.bucket('share-miss', ip, this.limits.missesPer10Minutes, 10 * 60_000)], 'lookups');
      if (page) await this.reservePage(ip, miss);
      return { found: () => miss.succeeded() };
    } catch (err) {
      if (err instanceof AppError && err.code === 'RATE_LIMITED') return { retryAfterSeconds: Number(err.details?.retryAfterSeconds) || 1 };
      throw err;
    }
  }

  private async reservePage(ip: string, miss: Reservation): Promise<void> {
    try {
      await this.attempts.reserve([this.bucket('share-page', ip, this.limits.pagesPerMinute, 60_000)], 'page opens');
    } catch (err) {
      await miss.succeeded(); // refused before it looked: not a miss
      throw err;
    }
  }

  private bucket(kind: string, ip: string, limit: number, windowMs: number): Bucket {
    return { key: `${kind}|${ip}`, limit, windowMs, progressive: false, clearedBySuccess: false };
  }
}
