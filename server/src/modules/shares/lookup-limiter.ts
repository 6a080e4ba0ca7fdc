import type { Clock } from '../../lib/clock.js';
import { FailureLimiter } from '../../lib/failure-limiter.js';

export interface LookupLimits {
  /** Page opens per IP per minute. */
  pagesPerMinute: number;
  /** Unknown tokens and wrong passwords per IP per 10 minutes: guessing stops long before it could succeed. */
  missesPer10Minutes: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = { pagesPerMinute: 60, missesPer10Minutes: 20 };

/**
 * Per-IP limits on share link lookups, in memory (one process; a general rate limiter may replace it). Images of
 * an open page are not counted, so an album of 200 thumbnails loads; their misses are.
 */
export class ShareLookupLimiter {
  private readonly pages: FailureLimiter;
  private readonly misses: FailureLimiter;

  constructor(clock: Clock, limits: LookupLimits = DEFAULT_LOOKUP_LIMITS) {
    this.pages = new FailureLimiter(limits.pagesPerMinute, 60_000, clock);
    this.misses = new FailureLimiter(limits.missesPer10Minutes, 10 * 60_000, clock);
  }

  /** Seconds the IP must wait before its next lookup, or 0. */
  retryAfter(ip: string): number {
    return Math.max(this.pages.retryAfter(ip), this.misses.retryAfter(ip));
  }

  pageOpened(ip: string): void {
    this.pages.fail(ip);
  }

  missed(ip: string): void {
    this.misses.fail(ip);
  }
}
