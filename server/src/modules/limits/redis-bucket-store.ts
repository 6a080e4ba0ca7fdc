import { Redis } from 'ioredis';
import type { Bucket, BucketStore } from './bucket-store.js';

/** The same refill as refill() in bucket-store.ts, atomically in Redis (one script run per take). */
const TAKE = `
local capacity = tonumber(ARGV[1]); local window = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity; local at = tonumber(state[2]) or now
local rate = capacity / window
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], window)
return wait`;

/** Buckets shared by every API process of a scaled-out deployment. */
export class RedisBucketStore implements BucketStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix: string) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  async take(key: string, bucket: Bucket, now: number): Promise<number> {
    const wait = await this.redis.eval(TAKE, 1, `${this.prefix}:rate:${key}`, bucket.capacity, bucket.windowMs, now);
    return Number(wait);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
