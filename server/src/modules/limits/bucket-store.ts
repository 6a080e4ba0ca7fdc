import type { Db } from '../../db/database.js';
import { serializeOnRow } from '../../db/dialect.js';

/** A token bucket: `capacity` requests at once, refilled evenly over `windowMs`. */
export interface Bucket {
  capacity: number;
  windowMs: number;
}

/** Where buckets are kept: the application database by default, Redis when the deployment has one. */
export interface BucketStore {
  /** Takes one token; answers 0 when taken, else the milliseconds until one is back. */
  take(key: string, bucket: Bucket, now: number): Promise<number>;
  /** Forgets buckets untouched since `olderThan` (full again by then); Redis expires its own. */
  prune?(olderThan: number): Promise<number>;
  close?(): Promise<void>;
}

/** What a bucket holds after `elapsed` ms of refill, and whether a token can be taken from it. */
export function refill(tokens: number, elapsed: number, b: Bucket): { tokens: number; waitMs: number } {
  const rate = b.capacity / b.windowMs;
  const now = Math.min(b.capacity, tokens + Math.max(0, elapsed) * rate);
  if (now >= 1) return { tokens: now - 1, waitMs: 0 };
  return { tokens: now, waitMs: Math.ceil((1 - now) / rate) };
}

/** Buckets in the rate_limit_buckets table, one transaction per take holding the bucket's row. */
export class DatabaseBucketStore implements BucketStore {
  constructor(private readonly db: Db) {}

  take(key: string, bucket: Bucket, now: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx.insertInto('rate_limit_buckets').values({ key, tokens: bucket.capacity, updated_at: now })
        .onConflict((oc) => oc.column('key').doNothing()).execute();
      await serializeOnRow(trx, 'rate_limit_buckets', key, 'key');
      const row = await trx.selectFrom('rate_limit_buckets').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
      const next = refill(row.tokens, now - row.updated_at, bucket);
      await trx.updateTable('rate_limit_buckets').set({ tokens: next.tokens, updated_at: Math.max(now, row.updated_at) })
        .where('key', '=', key).execute();
      return next.waitMs;
    });
  }

  /** Buckets untouched for longer than any window are full again: their rows can go. */
  async prune(olderThan: number): Promise<number> {
    const r = await this.db.deleteFrom('rate_limit_buckets').where('updated_at', '<', olderThan).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
