import type { Readable } from 'node:stream';

export {
  BlobIntegrityError,
  BlobKeyMismatchError,
  BlobNotFoundError,
  BlobRangeError,
  InvalidBlobKeyError,
  UserKeyNotFoundError,
} from './errors.js';

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. An end past the last byte is clamped to it (as HTTP does). */
  end: number;
}

export interface PutOptions {
  /** Owner whose data key encrypts the blob. */
  userId: string;
  contentType?: string;
  /**
   * The caller promises no reader can know this key until put resolves (a new id, recorded only afterwards), so
   * a store may write it in place instead of replacing atomically. If the key exists after all (a retried
   * write), it is replaced atomically as usual.
   */
  unpublished?: boolean;
}

export interface PutResult {
  /** Plaintext size in bytes. */
  size: number;
  /** Hex sha256 of the plaintext. */
  sha256: string;
}

export interface BlobStat {
  size: number;
  sha256: string;
}

/**
 * Where blobs live. Implementations encrypt at rest with the owner's data key; callers only ever see plaintext.
 * Writes are atomic: a reader sees the whole old blob, the whole new one, or none.
 *
 * Keys are slash-separated paths such as `u/<userId>/<assetId>/original`; see `blob-key.ts` for the exact rule.
 * An invalid key is rejected with InvalidBlobKeyError by every method. The contract every implementation must
 * pass is `runBlobStoreContract` in `blob-store.contract.ts`.
 */
export interface BlobStore {
  /** Stores (or atomically replaces) a blob. A stream is consumed with backpressure, never buffered whole. */
  put(key: string, data: Buffer | Readable, opts: PutOptions): Promise<PutResult>;
  /**
   * Plaintext of the blob, or of the inclusive range. Rejects with BlobNotFoundError when missing, with
   * BlobRangeError when `start` is past the end (always, for an empty blob), and with BlobIntegrityError
   * (or UserKeyNotFoundError) when it cannot be decrypted for `userId`. Damage found mid-stream is
   * reported as an 'error' event on the stream; wrong bytes are never emitted.
   */
  get(key: string, userId: string, range?: ByteRange): Promise<Readable>;
  getBuffer(key: string, userId: string): Promise<Buffer>;
  /** Plaintext size and sha256 without decrypting (and without the user's key); undefined when missing. */
  stat(key: string): Promise<BlobStat | undefined>;
  /** Deletes the blob; deleting a missing blob is a no-op. */
  delete(key: string): Promise<void>;
  /**
   * Removes the blob at `prefix` and every blob under `prefix/` (a trailing slash is ignored). Matching is by
   * whole path segments: `u/ab` never touches `u/abc/...`. An empty prefix is rejected.
   */
  deletePrefix(prefix: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Resolves when the store can be used now (readiness probe); rejects with the reason otherwise. */
  ready(): Promise<void>;
}
