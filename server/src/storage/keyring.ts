import crypto from 'node:crypto';
import { KeyUnwrapError, UserKeyNotFoundError } from './errors.js';
import { MASTER_KEY_BYTES } from './master-key.js';
import type { UserKeyRepository } from './user-key.repository.js';

export const DATA_KEY_BYTES = 32;

/**
 * Wrapped key format, version 1 (61 bytes): version(1) | iv(12) | AES-256-GCM(data key)(32) | tag(16).
 * The wrapping key is derived from the master key with HKDF (so the master key itself is never used directly
 * and can seed other keys later); the AAD is the version byte plus the user id, so a wrapped key moved to
 * another user's row, or altered in any way, fails to unwrap.
 */
const WRAP_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_BYTES = 1 + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const WRAP_INFO = 'atelier/user-key-wrap/v1';

export interface KeyringOptions {
  /** How many unwrapped data keys to keep in memory (least recently used evicted first). Default 1024. */
  cacheSize?: number;
  /**
   * How long a cached key is trusted before the row is read again, so a destroy() done by another process
   * (a separate worker) takes effect here too. Default 5 minutes.
   */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Envelope encryption: each user has a random 256-bit data key, stored only wrapped by the master key.
 * Destroying the wrapped key (destroy) crypto-shreds every blob of the user, wherever copies of them live.
 */
export class Keyring {
  private readonly wrappingKey: Buffer;
  private readonly cache = new Map<string, { key: Buffer; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<Buffer | undefined>>();
  private readonly cacheSize: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;
  /** Bumped by destroy(): a load that began before a destroy must not put the old key back in the cache. */
  private epoch = 0;

  constructor(
    masterKey: Buffer,
    private readonly repo: UserKeyRepository,
    opts: KeyringOptions = {},
  ) {
    if (!Buffer.isBuffer(masterKey) || masterKey.length !== MASTER_KEY_BYTES) {
      throw new TypeError(`The master key must be a ${MASTER_KEY_BYTES}-byte Buffer`);
    }
    this.wrappingKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), WRAP_INFO, 32));
    this.cacheSize = Math.max(1, Math.floor(opts.cacheSize ?? 1024));
    this.cacheTtlMs = opts.cacheTtlMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** The user's data key, created and stored (wrapped) on first use. Safe against concurrent first uses. */
  async dataKeyFor(userId: string): Promise<Buffer> {
    assertUserId(userId);
    const existing = await this.load(userId);
    if (existing) return existing;
    const fresh = crypto.randomBytes(DATA_KEY_BYTES);
    // Insert-or-ignore, then read back: when another process (or call) won the race, its key is the one.
    await this.repo.insertIfAbsent(userId, this.wrap(userId, fresh), this.now());
    const stored = await this.fetch(userId); // straight from the store, not a lookup that began before the insert
    if (!stored) throw new UserKeyNotFoundError(userId); // destroyed between our insert and the read
    return stored;
  }

  /** The user's data key for reading: never creates one. Throws UserKeyNotFoundError when there is none. */
  async existingDataKeyFor(userId: string): Promise<Buffer> {
    assertUserId(userId);
    const key = await this.load(userId);
    if (!key) throw new UserKeyNotFoundError(userId);
    return key;
  }

  async hasKey(userId: string): Promise<boolean> {
    assertUserId(userId);
    if (this.cached(userId)) return true;
    return (await this.repo.find(userId)) !== undefined;
  }

  /**
   * Crypto-shredding: deletes the wrapped key and forgets the cached one. Every blob of the user, including
   * copies in blob backups, is unreadable from then on. Returns whether a key existed. A later dataKeyFor for
   * the same id creates a new, unrelated key.
   */
  async destroy(userId: string): Promise<boolean> {
    assertUserId(userId);
    this.forget(userId);
    try {
      return await this.repo.delete(userId);
    } finally {
      this.forget(userId); // again: a load may have read the row while the delete was under way
    }
  }

  /** Number of unwrapped keys held in memory (for tests and metrics). */
  get cachedKeyCount(): number {
    return this.cache.size;
  }

  private async load(userId: string): Promise<Buffer | undefined> {
    const cached = this.cached(userId);
    if (cached) return cached;
    let pending = this.loading.get(userId);
    if (!pending) {
      pending = this.fetch(userId);
      this.loading.set(userId, pending);
      const clear = () => {
        if (this.loading.get(userId) === pending) this.loading.delete(userId);
      };
      pending.then(clear, clear);
    }
    return pending;
  }

  private async fetch(userId: string): Promise<Buffer | undefined> {
    const epoch = this.epoch;
    const wrapped = await this.repo.find(userId);
    if (!wrapped) return undefined;
    const key = this.unwrap(userId, wrapped);
    if (epoch === this.epoch) this.remember(userId, key);
    return key;
  }

  /** Forgotten, not zeroed: a stream in flight may still hold the same Buffer. */
  private forget(userId: string): void {
    this.epoch++;
    this.cache.delete(userId);
    this.loading.delete(userId);
  }

  /** A fresh cached key (marked most recently used), or undefined. */
  private cached(userId: string): Buffer | undefined {
    const entry = this.cache.get(userId);
    if (!entry) return undefined;
    this.cache.delete(userId);
    if (this.now() - entry.loadedAt > this.cacheTtlMs) return undefined;
    this.cache.set(userId, entry); // re-insert: Map order is the LRU order
    return entry.key;
  }

  private remember(userId: string, key: Buffer): void {
    this.cache.delete(userId);
    this.cache.set(userId, { key, loadedAt: this.now() });
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
  }

  private wrap(userId: string, dataKey: Buffer): Buffer {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.wrappingKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(wrapAad(userId));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([Buffer.from([WRAP_VERSION]), iv, body, cipher.getAuthTag()]);
  }

  private unwrap(userId: string, wrapped: Buffer): Buffer {
    if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== WRAP_VERSION) {
      throw new KeyUnwrapError(userId, `unknown wrapped key format (version ${wrapped[0]}, ${wrapped.length} bytes)`);
    }
    const iv = wrapped.subarray(1, 1 + IV_BYTES);
    const body = wrapped.subarray(1 + IV_BYTES, 1 + IV_BYTES + DATA_KEY_BYTES);
    const tag = wrapped.subarray(1 + IV_BYTES + DATA_KEY_BYTES);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.wrappingKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(wrapAad(userId));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new KeyUnwrapError(userId, 'authentication failed (wrong master key, or the key belongs to another user)');
    }
  }
}

function wrapAad(userId: string): Buffer {
  return Buffer.concat([Buffer.from([WRAP_VERSION]), Buffer.from(`${WRAP_INFO}\0${userId}`, 'utf8')]);
}

function assertUserId(userId: string): void {
  if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('userId must be a non-empty string');
}
