import { InvalidBlobKeyError } from './errors.js';

/**
 * The blob key rule, shared by every BlobStore so a key valid on disk is valid on S3 and back:
 * 1 to 16 segments joined by '/', each 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit
 * (so no '.', '..', hidden names or option-like names), at most 512 characters in all. Segments may not end
 * in '.atb', the suffix FsBlobStore gives blob files, so a blob file and a folder never share a name.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const RESERVED_SUFFIX = /\.atb$/i;
export const MAX_KEY_LENGTH = 512;
export const MAX_KEY_SEGMENTS = 16;

/** Splits and validates a key; throws InvalidBlobKeyError. */
export function blobKeySegments(key: string): string[] {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidBlobKeyError(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidBlobKeyError(key, `longer than ${MAX_KEY_LENGTH} characters`);
  if (key.startsWith('/')) throw new InvalidBlobKeyError(key, 'absolute path');
  const segments = key.split('/');
  if (segments.length > MAX_KEY_SEGMENTS) throw new InvalidBlobKeyError(key, `more than ${MAX_KEY_SEGMENTS} segments`);
  for (const s of segments) {
    if (s === '') throw new InvalidBlobKeyError(key, 'empty path segment');
    if (s === '.' || s === '..') throw new InvalidBlobKeyError(key, 'relative path segment');
    if (!SEGMENT.test(s)) {
      throw new InvalidBlobKeyError(key, 'segments must be 1-128 of [A-Za-z0-9._-], starting with a letter or digit');
    }
    if (RESERVED_SUFFIX.test(s)) throw new InvalidBlobKeyError(key, "segments may not end in '.atb'");
  }
  return segments;
}

export function assertValidBlobKey(key: string): void {
  blobKeySegments(key);
}

/** Validates a deletePrefix argument: a valid key, optionally with one trailing '/'. Returns it without the slash. */
export function normalizeBlobPrefix(prefix: string): string {
  const p = typeof prefix === 'string' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  assertValidBlobKey(p);
  return p;
}
