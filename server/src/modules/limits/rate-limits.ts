import { AppError } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/ids.js';
import type { RateLimitConfig } from '../billing/billing-config.js';
import type { RequestLimits } from '../generations/admission.js';
import type { Bucket, BucketStore } from './bucket-store.js';

export type LimitName = 'generation' | 'upload' | 'report' | 'support' | 'signup' | 'anonymous' | 'generation-address' | 'upload-address'
  | 'support-address';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const WHAT: Record<LimitName, string> = {
  generation: 'generations and edits',
  upload: 'uploads',
  report: 'reports',
  support: 'messages to support',
  'support-address': 'messages to support from your address',
  'generation-address': 'generations and edits from your address',
  'upload-address': 'uploads from your address',
  signup: 'sign-ups from your address',
  anonymous: 'requests from your address',
};

/**
 * Token buckets per person (generations, uploads, reports, support messages) and per address (generations, uploads,
 * support messages, sign-up, anonymous endpoints).
 */
export class RateLimits implements RequestLimits {
  private readonly buckets: Record<LimitName, Bucket | undefined>;

  constructor(private readonly store: BucketStore, config: RateLimitConfig, private readonly clock: Clock) {
    const per = (capacity: number, windowMs: number) => (capacity > 0 ? { capacity, windowMs } : undefined);
    this.buckets = {
      generation: per(config.generationsPerMinute, MINUTE),
      upload: per(config.uploadsPerMinute, MINUTE),
      report: per(config.reportsPerHour, HOUR),
      support: per(config.supportPerHour, HOUR),
      'support-address': per(config.supportPerHourPerAddress, HOUR),
      'generation-address': per(config.generationsPerMinutePerAddress, MINUTE),
      'upload-address': per(config.uploadsPerMinutePerAddress, MINUTE),
      signup: per(config.signupsPerHour, HOUR),
      anonymous: per(config.anonymousPerMinute, MINUTE),
    };
  }

  /** Forgets the buckets no request touched in the last hour (the longest window): they are full again. */
  async prune(): Promise<number> {
    return (await this.store.prune?.(this.clock.now() - HOUR)) ?? 0;
  }

  /** Takes a token of `limit` for `subject` (a user id or an address), or throws 429 with Retry-After. */
  async take(limit: LimitName, subject: string): Promise<void> {
    const bucket = this.buckets[limit];
    if (!bucket) return;
    // Hashed: the table (or Redis) then holds no address or user id in the clear.
    const waitMs = await this.store.take(sha256Hex(`${limit}:${subject}`), bucket, this.clock.now());
    if (waitMs === 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError('RATE_LIMITED',
      `Too many ${WHAT[limit]}: at most ${bucket.capacity} per ${bucket.windowMs === HOUR ? 'hour' : 'minute'}. Try again in ${seconds} s.`,
      { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
  }
}
