import { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CiphertextSource } from './blob-crypto.js';
import { readAll } from './blob-reading.js';
import { BlobIntegrityError, BlobNotFoundError } from './errors.js';

/**
 * Opening a blob reads its header, then its trailer and last chunk, before any range: each would be a GET of its
 * own. Instead the first GET takes a window from the start, and a small read near the end takes this much before
 * it (the last chunk of a new blob, 256 KiB, and the trailer) in one request. Reads of ranges fetch exactly their
 * chunks.
 */
export const WINDOW_BYTES = 320 * 1024;
/** A first window this large holds a whole image of the usual size: one GET serves the whole download. */
export const WHOLE_READ_BYTES = 4 * 1024 * 1024;

interface Window {
  offset: number;
  bytes: Buffer;
}

/**
 * Random access to one object through ranged GetObject requests, pinned to the version first seen (If-Match on
 * its ETag: a blob replaced mid-read fails instead of mixing versions, on servers that honour it).
 */
export class S3CiphertextSource implements CiphertextSource {
  /** A GET has a fixed cost (signing, a round trip, a response to parse): read many chunks per request. */
  readonly preferredReadBytes = WHOLE_READ_BYTES;
  private readonly windows: Window[] = [];

  private constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    readonly size: number,
    private readonly etag: string | undefined,
    first: Window,
  ) {
    this.windows.push(first);
  }

  /**
   * Fetches the first `firstBytes` (WINDOW_BYTES for a range or a stat, WHOLE_READ_BYTES to read it all);
   * BlobNotFoundError when the object is missing.
   */
  static async open(client: S3Client, bucket: string, key: string, firstBytes = WINDOW_BYTES): Promise<S3CiphertextSource> {
    let res;
    try {
      res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${firstBytes - 1}` }));
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(key);
      if (httpStatus(err) === 416) throw new BlobIntegrityError(key, 'empty object'); // no byte 0 to range over
      throw err;
    }
    const bytes = await bodyBytes(res.Body, res.ContentLength);
    const size = totalSize(res.ContentRange) ?? bytes.length;
    return new S3CiphertextSource(client, bucket, key, size, res.ETag, { offset: 0, bytes });
  }

  async read(offset: number, length: number): Promise<Buffer> {
    if (offset < 0 || offset + length > this.size) throw new BlobIntegrityError(this.key, 'read past the end of the object');
    const hit = this.windows.find((w) => offset >= w.offset && offset + length <= w.offset + w.bytes.length);
    if (hit) return hit.bytes.subarray(offset - hit.offset, offset - hit.offset + length);
    if (length < WINDOW_BYTES && offset + length > this.size - WINDOW_BYTES) {
      // The tail: keep a window ending at the last byte, which the next small reads (last chunk) will hit.
      const start = Math.max(0, this.size - WINDOW_BYTES);
      const bytes = await this.fetch(start, this.size - start);
      this.windows.push({ offset: start, bytes });
      return bytes.subarray(offset - start, offset - start + length);
    }
    return this.fetch(offset, length);
  }

  private async fetch(offset: number, length: number): Promise<Buffer> {
    const range = `bytes=${offset}-${offset + length - 1}`;
    let res;
    try {
      res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key, Range: range, IfMatch: this.etag }));
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(this.key);
      if (httpStatus(err) === 412) throw new BlobIntegrityError(this.key, 'the object was replaced while being read');
      throw err;
    }
    const bytes = await bodyBytes(res.Body, res.ContentLength);
    if (bytes.length !== length) throw new BlobIntegrityError(this.key, `short read (${bytes.length} of ${length} bytes at ${offset})`);
    return bytes;
  }
}

/**
 * The whole body in one Buffer, copied in as it arrives. (The SDK's transformToByteArray zero-fills a new array
 * and then copies every piece into it, which profiling showed costing more than decrypting the bytes.)
 */
async function bodyBytes(body: unknown, expected?: number): Promise<Buffer> {
  if (!(body instanceof Readable)) throw new TypeError('expected a Node.js stream as the S3 response body');
  if (expected === undefined) return readAll(body);
  const out = Buffer.allocUnsafe(expected);
  let filled = 0;
  for await (const piece of body) {
    const chunk = piece as Buffer;
    if (filled + chunk.length > expected) throw new Error(`S3 sent more than the ${expected} bytes it announced`);
    chunk.copy(out, filled);
    filled += chunk.length;
  }
  return filled === expected ? out : out.subarray(0, filled);
}

/** The total from `bytes a-b/total`. */
function totalSize(contentRange: string | undefined): number | undefined {
  const m = contentRange ? /\/(\d+)\s*$/.exec(contentRange) : null;
  return m ? Number(m[1]) : undefined;
}

export function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

export function isMissing(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(err) === 404;
}
