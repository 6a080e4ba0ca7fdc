import crypto from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { ByteRange, PutResult } from './blob-store.js';
import { BlobIntegrityError, BlobKeyMismatchError, BlobRangeError } from './errors.js';

/*
 * Encrypted blob format "ATB1" (chunked AES-256-GCM), independent of where the bytes live (file, S3 object).
 *
 *   header (36 bytes)
 *     0  magic 'ATB1'            4  version = 1          5  flags = 0           6  reserved u16 = 0
 *     8  chunk size (u32 BE)    12  key id (8): HMAC-SHA256(data key, "atelier/blob/key-id/v1"), truncated
 *    20  salt (16 random bytes)
 *   chunks 0..n-1: AES-256-GCM(plaintext chunk) || tag(16); every chunk holds `chunk size` plaintext bytes
 *     except the last, which holds 0..chunk size (an empty blob is one empty last chunk, so it has a tag too)
 *   trailer (48 bytes): 'ATBE' | reserved u32 = 0 | plaintext size (u64 BE) | plaintext sha256 (32)
 *
 * Keys: per blob, HKDF-SHA256(data key, salt, "atelier/blob/v1") gives a 32-byte AES key and an 8-byte IV
 * prefix; chunk i uses IV = prefix || u32 BE(i). A fresh key per blob means IVs never repeat under one key.
 *
 * AAD of chunk i: header || u16 BE length || storage key (UTF-8) || u32 BE(i) || last flag (u8),
 * and for the last chunk also || size (u64 BE) || sha256. So a chunk cannot be reordered (index), dropped from
 * the end (last flag), moved to another blob or key (header salt, storage key), and the header and trailer are
 * authenticated as soon as the last chunk is opened. Readers always open the last chunk first, so the size
 * they range-check against is authentic; then they decrypt only the chunks a range needs.
 *
 * The trailer is kept in clear so stat() works without the user's key; a reader cross-checks it.
 */

export const BLOB_MAGIC = 'ATB1';
export const BLOB_VERSION = 1;
export const HEADER_BYTES = 36;
export const TAG_BYTES = 16;
export const TRAILER_BYTES = 48;
const TRAILER_MAGIC = 'ATBE';
export const DEFAULT_CHUNK_SIZE = 256 * 1024;
export const MIN_CHUNK_SIZE = 64;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const MAX_CHUNKS = 2 ** 32;
const IV_BYTES = 12;
const KEY_ID_BYTES = 8;
const SALT_BYTES = 16;
const BLOB_INFO = 'atelier/blob/v1';
const KEY_ID_INFO = 'atelier/blob/key-id/v1';
/** Readers fetch up to this much ciphertext per source read (several chunks at once), unless the source prefers more. */
const READ_BATCH_BYTES = 1024 * 1024;

/** Identifies the data key a blob was written with, without revealing anything about the key. */
export function blobKeyId(dataKey: Buffer): Buffer {
  return crypto.createHmac('sha256', dataKey).update(KEY_ID_INFO).digest().subarray(0, KEY_ID_BYTES);
}

/** Ciphertext size for a plaintext size (what S3 needs as Content-Length, and what tests check). */
export function encryptedSize(plaintextSize: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  const chunks = Math.max(1, Math.ceil(plaintextSize / chunkSize));
  return HEADER_BYTES + plaintextSize + chunks * TAG_BYTES + TRAILER_BYTES;
}

interface Header {
  chunkSize: number;
  keyId: Buffer;
  salt: Buffer;
  raw: Buffer;
}

interface CipherContext {
  key: Buffer;
  ivPrefix: Buffer;
  aadBase: Buffer;
}

function encodeHeader(chunkSize: number, keyId: Buffer, salt: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write(BLOB_MAGIC, 0, 'latin1');
  h.writeUInt8(BLOB_VERSION, 4);
  h.writeUInt32BE(chunkSize, 8);
  keyId.copy(h, 12);
  salt.copy(h, 20);
  return h;
}

function decodeHeader(buf: Buffer, storageKey: string): Header {
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 4) !== BLOB_MAGIC) {
    throw new BlobIntegrityError(storageKey, 'not an encrypted blob (bad magic)');
  }
  if (buf[4] !== BLOB_VERSION) throw new BlobIntegrityError(storageKey, `unsupported format version ${buf[4]}`);
  if (buf[5] !== 0 || buf.readUInt16BE(6) !== 0) throw new BlobIntegrityError(storageKey, 'unknown header flags');
  const chunkSize = buf.readUInt32BE(8);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new BlobIntegrityError(storageKey, `implausible chunk size ${chunkSize}`);
  }
  const raw = Buffer.from(buf.subarray(0, HEADER_BYTES));
  return { chunkSize, keyId: raw.subarray(12, 20), salt: raw.subarray(20, 36), raw };
}

function encodeTrailer(size: number, sha256: Buffer): Buffer {
  const t = Buffer.alloc(TRAILER_BYTES);
  t.write(TRAILER_MAGIC, 0, 'latin1');
  t.writeBigUInt64BE(BigInt(size), 8);
  sha256.copy(t, 16);
  return t;
}

function deriveContext(dataKey: Buffer, header: Buffer, salt: Buffer, storageKey: string): CipherContext {
  const okm = Buffer.from(crypto.hkdfSync('sha256', dataKey, salt, BLOB_INFO, 32 + 8));
  const keyBytes = Buffer.from(storageKey, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(keyBytes.length);
  return { key: okm.subarray(0, 32), ivPrefix: okm.subarray(32, 40), aadBase: Buffer.concat([header, len, keyBytes]) };
}

function chunkIv(ctx: CipherContext, index: number): Buffer {
  const iv = Buffer.alloc(IV_BYTES);
  ctx.ivPrefix.copy(iv, 0);
  iv.writeUInt32BE(index, 8);
  return iv;
}

function chunkAad(ctx: CipherContext, index: number, last: boolean, size: number, sha256: Buffer): Buffer {
  const suffix = Buffer.alloc(last ? 5 + 8 + 32 : 5);
  suffix.writeUInt32BE(index, 0);
  suffix.writeUInt8(last ? 1 : 0, 4);
  if (last) {
    suffix.writeBigUInt64BE(BigInt(size), 5);
    sha256.copy(suffix, 13);
  }
  return Buffer.concat([ctx.aadBase, suffix]);
}

export interface EncryptOptions {
  dataKey: Buffer;
  /** The blob's key in the store (bound into every chunk, so the ciphertext only decrypts under this key). */
  storageKey: string;
  chunkSize?: number;
}

/**
 * Streaming encryption: plaintext in, the whole ATB1 file out. Memory stays around one chunk (plus whatever a
 * single incoming write holds), so a 100 MB upload is never buffered. `result` (plaintext size and sha256) is set
 * once the stream has flushed.
 */
export class BlobEncryptStream extends Transform {
  private readonly ctx: CipherContext;
  private readonly chunkSize: number;
  private readonly header: Buffer;
  private readonly hash = crypto.createHash('sha256');
  private parts: Buffer[] = [];
  private partsLength = 0;
  private index = 0;
  // Not `size`: upload libraries (lib-storage) read a body's `size` as its length, which a stream does not know.
  private plaintextBytes = 0;
  private started = false;
  private done: PutResult | undefined;

  constructor(opts: EncryptOptions) {
    super();
    const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
      throw new RangeError(`chunkSize must be an integer from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`);
    }
    if (!Buffer.isBuffer(opts.dataKey) || opts.dataKey.length !== 32) throw new TypeError('dataKey must be 32 bytes');
    this.chunkSize = chunkSize;
    const salt = crypto.randomBytes(SALT_BYTES);
    this.header = encodeHeader(chunkSize, blobKeyId(opts.dataKey), salt);
    this.ctx = deriveContext(opts.dataKey, this.header, salt, opts.storageKey);
  }

  /** Plaintext size and hex sha256; undefined until the stream has finished. */
  get result(): PutResult | undefined {
    return this.done;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.start();
      this.hash.update(chunk);
      this.plaintextBytes += chunk.length;
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      // Strictly more than one chunk pending: only then is the first one known not to be the last.
      if (this.partsLength > this.chunkSize) {
        const buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partsLength);
        let offset = 0;
        while (buf.length - offset > this.chunkSize) {
          this.push(this.seal(buf.subarray(offset, offset + this.chunkSize), false));
          offset += this.chunkSize;
        }
        const rest = Buffer.from(buf.subarray(offset)); // copy: don't pin the caller's (maybe large) buffer
        this.parts = [rest];
        this.partsLength = rest.length;
      }
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.start();
      const sha = this.hash.digest();
      const rest = Buffer.concat(this.parts, this.partsLength);
      this.parts = [];
      this.push(this.seal(rest, true, sha));
      this.push(encodeTrailer(this.plaintextBytes, sha));
      this.done = { size: this.plaintextBytes, sha256: sha.toString('hex') };
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  /**
   * The whole file for a plaintext already in memory, in one call and without the stream machinery (which costs
   * more than the crypto for the small images of a generation). Only on a fresh encryptor, instead of writing to it.
   */
  encryptWhole(plain: Buffer): Buffer[] {
    if (this.started) throw new Error('encryptWhole needs an encryptor nothing was written to');
    this.started = true;
    const out = [this.header];
    const sha = this.hash.update(plain).digest();
    this.plaintextBytes = plain.length;
    let offset = 0;
    while (plain.length - offset > this.chunkSize) {
      out.push(this.seal(plain.subarray(offset, offset + this.chunkSize), false));
      offset += this.chunkSize;
    }
    out.push(this.seal(plain.subarray(offset), true, sha));
    out.push(encodeTrailer(this.plaintextBytes, sha));
    this.done = { size: this.plaintextBytes, sha256: sha.toString('hex') };
    return out;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.push(this.header);
  }

  private seal(plain: Buffer, last: boolean, sha?: Buffer): Buffer {
    if (this.index >= MAX_CHUNKS) throw new RangeError('Blob too large for its chunk size');
    const index = this.index++;
    const cipher = crypto.createCipheriv('aes-256-gcm', this.ctx.key, chunkIv(this.ctx, index), {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(chunkAad(this.ctx, index, last, this.plaintextBytes, sha ?? Buffer.alloc(0)));
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }
}

/** Random access to ciphertext: a file handle, or ranged GETs of an object. */
export interface CiphertextSource {
  /** Total ciphertext size in bytes. */
  readonly size: number;
  /** Exactly `length` bytes at `offset`; throw if fewer are available. */
  read(offset: number, length: number): Promise<Buffer>;
  /** How much ciphertext a reader should ask for per read (a request to S3 costs more than a file read). */
  readonly preferredReadBytes?: number;
}

interface Layout {
  header: Header;
  chunkCount: number;
  plaintextSize: number;
  sha256: Buffer;
}

/** Header, trailer and chunk layout, checked for consistency with the ciphertext size. Needs no key. */
async function readLayout(source: CiphertextSource, storageKey: string): Promise<Layout> {
  if (source.size < HEADER_BYTES + TAG_BYTES + TRAILER_BYTES) {
    throw new BlobIntegrityError(storageKey, `too short (${source.size} bytes)`);
  }
  const header = decodeHeader(await source.read(0, HEADER_BYTES), storageKey);
  const trailer = await source.read(source.size - TRAILER_BYTES, TRAILER_BYTES);
  if (trailer.toString('latin1', 0, 4) !== TRAILER_MAGIC || trailer.readUInt32BE(4) !== 0) {
    throw new BlobIntegrityError(storageKey, 'bad trailer (truncated or damaged)');
  }
  const stride = header.chunkSize + TAG_BYTES;
  const body = source.size - HEADER_BYTES - TRAILER_BYTES;
  const chunkCount = Math.ceil(body / stride);
  const lastLength = body - (chunkCount - 1) * stride;
  if (lastLength < TAG_BYTES || chunkCount > MAX_CHUNKS) {
    throw new BlobIntegrityError(storageKey, 'ciphertext length does not match the chunk layout');
  }
  const plaintextSize = body - chunkCount * TAG_BYTES;
  const declared = trailer.readBigUInt64BE(8);
  if (declared !== BigInt(plaintextSize)) {
    throw new BlobIntegrityError(storageKey, `trailer size ${declared} does not match the chunks (${plaintextSize})`);
  }
  return { header, chunkCount, plaintextSize, sha256: Buffer.from(trailer.subarray(16, 48)) };
}

/** Plaintext size and sha256 from the clear trailer (structure checked, not authenticated: that takes the key). */
export async function readBlobInfo(source: CiphertextSource, storageKey: string): Promise<PutResult> {
  const layout = await readLayout(source, storageKey);
  return { size: layout.plaintextSize, sha256: layout.sha256.toString('hex') };
}

export interface DecryptOptions {
  dataKey: Buffer;
  storageKey: string;
}

/** An authenticated, opened blob: size and sha256 are verified; stream() decrypts only what a range needs. */
export interface OpenedBlob {
  readonly size: number;
  readonly sha256: string;
  /** Plaintext of the inclusive range (already resolved with resolveRange), or of the whole blob. */
  stream(range?: ByteRange | null): Readable;
}

/**
 * Reads the layout, checks the key id, and authenticates the last chunk (hence header, size and sha256).
 * Throws BlobKeyMismatchError for another data key, BlobIntegrityError for anything damaged.
 */
export async function openEncryptedBlob(source: CiphertextSource, opts: DecryptOptions): Promise<OpenedBlob> {
  const { storageKey } = opts;
  const layout = await readLayout(source, storageKey);
  const { header, chunkCount, plaintextSize } = layout;
  if (!crypto.timingSafeEqual(header.keyId, blobKeyId(opts.dataKey))) throw new BlobKeyMismatchError(storageKey);
  const ctx = deriveContext(opts.dataKey, header.raw, header.salt, storageKey);
  const cs = header.chunkSize;
  const stride = cs + TAG_BYTES;
  const offsetOf = (i: number) => HEADER_BYTES + i * stride;
  const lengthOf = (i: number) => (i < chunkCount - 1 ? stride : plaintextSize - (chunkCount - 1) * cs + TAG_BYTES);

  const aad = (i: number) => chunkAad(ctx, i, i === chunkCount - 1, plaintextSize, layout.sha256);
  const failed = (i: number) => new BlobIntegrityError(storageKey, `chunk ${i} of ${chunkCount} failed authentication`);

  const open = (i: number, sealed: Buffer): Buffer => {
    const tagAt = sealed.length - TAG_BYTES;
    const decipher = crypto.createDecipheriv('aes-256-gcm', ctx.key, chunkIv(ctx, i), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(i));
    decipher.setAuthTag(sealed.subarray(tagAt));
    const plain = decipher.update(sealed.subarray(0, tagAt));
    try {
      decipher.final(); // GCM returns nothing here, only checks the tag: no copy of the chunk into a new Buffer
    } catch {
      throw failed(i);
    }
    return plain;
  };

  const lastIndex = chunkCount - 1;
  const lastPlain = open(lastIndex, await source.read(offsetOf(lastIndex), lengthOf(lastIndex)));
  const batch = Math.max(1, Math.floor((source.preferredReadBytes ?? READ_BATCH_BYTES) / stride));

  /** The chunks first..last (inclusive), decrypted, from one read. */
  async function openBatch(first: number, last: number): Promise<Buffer[]> {
    const readTo = last === lastIndex ? last - 1 : last; // the last chunk is already decrypted
    const base = offsetOf(first);
    const sealed = readTo >= first ? await source.read(base, offsetOf(readTo) + lengthOf(readTo) - base) : null;
    const out: Buffer[] = [];
    for (let k = first; k <= last; k++) {
      const at = offsetOf(k) - base;
      out.push(k === lastIndex ? lastPlain : open(k, sealed!.subarray(at, at + lengthOf(k))));
    }
    return out;
  }

  async function* decrypt(start: number, end: number): AsyncGenerator<Buffer> {
    const first = Math.floor(start / cs);
    const lastNeeded = Math.floor(end / cs);
    const batchAt = (i: number) => openBatch(i, Math.min(lastNeeded, i + batch - 1));
    let next: Promise<Buffer[]> | undefined = batchAt(first);
    for (let i = first; i <= lastNeeded; ) {
      const current: Buffer[] = await next!;
      const j: number = i + current.length - 1;
      // Read the next batch while this one is written out.
      next = j < lastNeeded ? batchAt(j + 1) : undefined;
      next?.catch(() => undefined);
      for (let k = i; k <= j; k++) {
        const plain = current[k - i]!;
        const from = k === first ? start - k * cs : 0;
        const to = k === lastNeeded ? end - k * cs + 1 : plain.length;
        yield from === 0 && to === plain.length ? plain : plain.subarray(from, to);
      }
      i = j + 1;
    }
  }

  return {
    size: plaintextSize,
    sha256: layout.sha256.toString('hex'),
    stream(range) {
      const r = range === undefined ? resolveRange(storageKey, plaintextSize) : range;
      return Readable.from(r ? decrypt(r.start, r.end) : [], { objectMode: false });
    },
  };
}

/**
 * Validates a range against a size: integers, 0 <= start <= end, start < size; an end past the last byte is
 * clamped. No range means the whole blob; null means "nothing to read" (an empty blob read whole).
 */
export function resolveRange(storageKey: string, size: number, range?: ByteRange): ByteRange | null {
  if (!range) return size === 0 ? null : { start: 0, end: size - 1 };
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new BlobRangeError(storageKey, size, `invalid range ${start}-${end}`);
  }
  if (start >= size) throw new BlobRangeError(storageKey, size, `start ${start} is past the end`);
  return { start, end: Math.min(end, size - 1) };
}
