/**
 * Typed errors of the storage layer. Every BlobStore implementation throws these, so callers (the HTTP layer,
 * jobs) map them once: not found -> 404, range -> 416, integrity/key errors -> 500 (and an alert: data on disk
 * was damaged or tampered with).
 */

/** The blob does not exist (never written, deleted, or its folder was removed). */
export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`Blob not found: ${key}`);
  }
}

/** A blob key that is not a safe, canonical path (`..`, absolute, empty segment, odd characters...). */
export class InvalidBlobKeyError extends Error {
  override readonly name = 'InvalidBlobKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid blob key ${JSON.stringify(key.length > 200 ? `${key.slice(0, 200)}...` : key)}: ${reason}`);
  }
}

/** A byte range outside the blob (start past the end, start > end, negative or non-integer bounds). */
export class BlobRangeError extends RangeError {
  override readonly name = 'BlobRangeError';
  constructor(
    readonly key: string,
    readonly size: number,
    message: string,
  ) {
    super(`Unsatisfiable range for ${key} (size ${size}): ${message}`);
  }
}

/**
 * The stored bytes are not a valid encrypted blob for this key and user: tampered, truncated, reordered,
 * moved from another key, or not in the blob format at all. No plaintext is ever returned in that case.
 */
export class BlobIntegrityError extends Error {
  override readonly name: string = 'BlobIntegrityError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`Blob ${key} failed integrity check: ${message}`);
  }
}

/** The blob was encrypted with a different data key: another user's, or one destroyed and later re-created. */
export class BlobKeyMismatchError extends BlobIntegrityError {
  override readonly name = 'BlobKeyMismatchError';
  constructor(key: string) {
    super(key, 'it was encrypted with a different data key (another user, or a destroyed key)');
  }
}

/** The user has no data key: never written anything, or the key was destroyed (crypto-shredded). */
export class UserKeyNotFoundError extends Error {
  override readonly name = 'UserKeyNotFoundError';
  constructor(readonly userId: string) {
    super(`No data key for user ${userId} (never created, or destroyed)`);
  }
}

/** A stored wrapped key cannot be unwrapped: wrong master key, or the row belongs to another user. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
  constructor(
    readonly userId: string,
    reason: string,
  ) {
    super(`Cannot unwrap the data key of user ${userId}: ${reason}`);
  }
}

/** ATELIER_MASTER_KEY or $dataDir/master.key is unusable. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}
