import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  BlobEncryptStream,
  DEFAULT_CHUNK_SIZE,
  HEADER_BYTES,
  TAG_BYTES,
  TRAILER_BYTES,
  encryptedSize,
  openEncryptedBlob,
  readBlobInfo,
  resolveRange,
  type CiphertextSource,
} from './blob-crypto.js';
import { BlobIntegrityError, BlobKeyMismatchError, BlobRangeError } from './errors.js';

const KEY = 'u/user-a/asset/original';

async function encrypt(
  plain: Buffer,
  opts: { dataKey: Buffer; storageKey?: string; chunkSize?: number; pieces?: number[] },
): Promise<{ file: Buffer; result: { size: number; sha256: string } }> {
  const enc = new BlobEncryptStream({ dataKey: opts.dataKey, storageKey: opts.storageKey ?? KEY, chunkSize: opts.chunkSize });
  const out: Buffer[] = [];
  const sizes = opts.pieces ?? [plain.length || 1];
  const src = (function* () {
    for (let off = 0, i = 0; off < plain.length; i++) {
      const n = sizes[i % sizes.length];
      yield plain.subarray(off, off + n);
      off += n;
    }
  })();
  await pipeline(Readable.from(src), enc, async (chunks: AsyncIterable<Buffer>) => {
    for await (const c of chunks) out.push(c);
  });
  return { file: Buffer.concat(out), result: enc.result! };
}

function memorySource(file: Buffer): CiphertextSource {
  return {
    size: file.length,
    async read(offset, length) {
      if (offset + length > file.length) throw new Error('read past end');
      return file.subarray(offset, offset + length);
    },
  };
}

async function decrypt(file: Buffer, dataKey: Buffer, range?: { start: number; end: number }, storageKey = KEY) {
  const blob = await openEncryptedBlob(memorySource(file), { dataKey, storageKey });
  const parts: Buffer[] = [];
  for await (const c of blob.stream(resolveRange(storageKey, blob.size, range))) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('blob-crypto', () => {
  const dataKey = crypto.randomBytes(32);

  it('round-trips the chunk-boundary sizes for several chunk sizes and write patterns', async () => {
    for (const cs of [64, 1000, DEFAULT_CHUNK_SIZE]) {
      for (const size of [0, 1, cs - 1, cs, cs + 1, 5 * cs + 7]) {
        const plain = crypto.randomBytes(size);
        for (const pieces of [[size || 1], [1], [cs], [cs + 1, 3], [7 * cs + 5]]) {
          if (pieces[0] === 1 && size > 5000) continue; // byte-at-a-time only for small inputs
          const { file, result } = await encrypt(plain, { dataKey, chunkSize: cs, pieces });
          expect(result).toEqual({ size, sha256: sha(plain) });
          expect(file.length).toBe(encryptedSize(size, cs));
          expect((await decrypt(file, dataKey)).equals(plain), `cs ${cs} size ${size} pieces ${pieces}`).toBe(true);
          expect(await readBlobInfo(memorySource(file), KEY)).toEqual(result);
        }
      }
    }
  });

  it('encrypts a plaintext held in memory in one call into a file the reader accepts, at every chunk boundary', async () => {
    for (const cs of [64, 1000]) {
      for (const size of [0, 1, cs - 1, cs, cs + 1, 5 * cs + 7]) {
        const plain = crypto.randomBytes(size);
        const enc = new BlobEncryptStream({ dataKey, storageKey: KEY, chunkSize: cs });
        const file = Buffer.concat(enc.encryptWhole(plain));
        expect(enc.result).toEqual({ size, sha256: sha(plain) });
        expect(file.length).toBe(encryptedSize(size, cs));
        expect((await decrypt(file, dataKey)).equals(plain), `cs ${cs} size ${size}`).toBe(true);
        await expect(decrypt(file, dataKey, undefined, 'u/user-a/other/original')).rejects.toThrow();
      }
    }
    const used = new BlobEncryptStream({ dataKey, storageKey: KEY });
    used.write(Buffer.from('already streaming'));
    expect(() => used.encryptWhole(Buffer.from('x'))).toThrow(/nothing was written/);
  });

  it('decrypts every possible range of a small multi-chunk blob', async () => {
    const cs = 64;
    const plain = crypto.randomBytes(3 * cs + 7);
    const { file } = await encrypt(plain, { dataKey, chunkSize: cs });
    const blob = await openEncryptedBlob(memorySource(file), { dataKey, storageKey: KEY });
    for (let start = 0; start < plain.length; start++) {
      for (let end = start; end < plain.length; end++) {
        const parts: Buffer[] = [];
        for await (const c of blob.stream({ start, end })) parts.push(c as Buffer);
        if (!Buffer.concat(parts).equals(plain.subarray(start, end + 1))) expect.fail(`range ${start}-${end}`);
      }
    }
  });

  it('reads only the chunks a range needs (plus the last one, once)', async () => {
    const cs = 1024;
    const plain = crypto.randomBytes(100 * cs);
    const { file } = await encrypt(plain, { dataKey, chunkSize: cs });
    const reads: Array<[number, number]> = [];
    const source = memorySource(file);
    const counting: CiphertextSource = {
      size: source.size,
      read: (o, l) => {
        reads.push([o, l]);
        return source.read(o, l);
      },
    };
    const blob = await openEncryptedBlob(counting, { dataKey, storageKey: KEY });
    reads.length = 0;
    const parts: Buffer[] = [];
    for await (const c of blob.stream({ start: 50 * cs + 10, end: 50 * cs + 20 })) parts.push(c as Buffer);
    expect(Buffer.concat(parts).equals(plain.subarray(50 * cs + 10, 50 * cs + 21))).toBe(true);
    expect(reads).toEqual([[HEADER_BYTES + 50 * (cs + TAG_BYTES), cs + TAG_BYTES]]);
  });

  it('rejects the wrong data key, the wrong storage key and a forged key id', async () => {
    const plain = crypto.randomBytes(5000);
    const { file } = await encrypt(plain, { dataKey, chunkSize: 1024 });
    const otherKey = crypto.randomBytes(32);
    await expect(decrypt(file, otherKey)).rejects.toBeInstanceOf(BlobKeyMismatchError);
    await expect(decrypt(file, dataKey, undefined, 'u/user-a/other/original')).rejects.toBeInstanceOf(BlobIntegrityError);
    // Header key id rewritten to match the other key: the chunks still do not open.
    const { file: other } = await encrypt(Buffer.from('x'), { dataKey: otherKey, chunkSize: 1024 });
    const forged = Buffer.from(file);
    other.copy(forged, 12, 12, 20);
    await expect(decrypt(forged, otherKey)).rejects.toBeInstanceOf(BlobIntegrityError);
  });

  it('rejects a chunk moved from another blob with the same key and storage key', async () => {
    const cs = 256;
    const a = crypto.randomBytes(4 * cs);
    const b = crypto.randomBytes(4 * cs);
    const { file: fa } = await encrypt(a, { dataKey, chunkSize: cs });
    const { file: fb } = await encrypt(b, { dataKey, chunkSize: cs });
    const mixed = Buffer.from(fa);
    fb.copy(mixed, HEADER_BYTES + (cs + TAG_BYTES), HEADER_BYTES + (cs + TAG_BYTES), HEADER_BYTES + 2 * (cs + TAG_BYTES));
    await expect(decrypt(mixed, dataKey)).rejects.toBeInstanceOf(BlobIntegrityError);
    await expect(decrypt(mixed, dataKey, { start: cs, end: cs })).rejects.toBeInstanceOf(BlobIntegrityError);
    // The untouched chunk 0 still reads: damage is contained to where it is.
    expect((await decrypt(mixed, dataKey, { start: 0, end: cs - 1 })).equals(a.subarray(0, cs))).toBe(true);
  });

  it('rejects garbage, foreign formats and damaged structure without a key', async () => {
    for (const junk of [Buffer.alloc(0), Buffer.from('hello world'), crypto.randomBytes(500)]) {
      await expect(readBlobInfo(memorySource(junk), KEY)).rejects.toBeInstanceOf(BlobIntegrityError);
      await expect(decrypt(junk, dataKey)).rejects.toBeInstanceOf(BlobIntegrityError);
    }
    const { file } = await encrypt(crypto.randomBytes(3000), { dataKey, chunkSize: 1024 });
    const badVersion = Buffer.from(file);
    badVersion[4] = 2;
    await expect(readBlobInfo(memorySource(badVersion), KEY)).rejects.toThrow(/version 2/);
    const badTrailer = Buffer.from(file);
    badTrailer[badTrailer.length - TRAILER_BYTES] = 0;
    await expect(readBlobInfo(memorySource(badTrailer), KEY)).rejects.toThrow(/trailer/);
  });

  it('authenticates the clear trailer through the last chunk', async () => {
    const plain = crypto.randomBytes(3000);
    const { file } = await encrypt(plain, { dataKey, chunkSize: 1024 });
    const lied = Buffer.from(file);
    lied[lied.length - 1] ^= 0x80; // sha256 in the trailer
    expect((await readBlobInfo(memorySource(lied), KEY)).sha256).not.toBe(sha(plain)); // stat cannot tell...
    await expect(decrypt(lied, dataKey, { start: 0, end: 0 })).rejects.toBeInstanceOf(BlobIntegrityError); // ...a read can
  });

  it('produces different ciphertext for the same plaintext every time', async () => {
    const plain = Buffer.alloc(2048, 0x41);
    const one = (await encrypt(plain, { dataKey, chunkSize: 1024 })).file;
    const two = (await encrypt(plain, { dataKey, chunkSize: 1024 })).file;
    expect(one.subarray(HEADER_BYTES, HEADER_BYTES + 64).equals(two.subarray(HEADER_BYTES, HEADER_BYTES + 64))).toBe(false);
    expect(one.includes(plain.subarray(0, 32))).toBe(false);
  });

  it('validates ranges', () => {
    expect(resolveRange(KEY, 10)).toEqual({ start: 0, end: 9 });
    expect(resolveRange(KEY, 0)).toBeNull();
    expect(resolveRange(KEY, 10, { start: 9, end: 9 })).toEqual({ start: 9, end: 9 });
    expect(resolveRange(KEY, 10, { start: 2, end: 99 })).toEqual({ start: 2, end: 9 });
    for (const r of [
      { start: 10, end: 10 },
      { start: 5, end: 4 },
      { start: -1, end: 3 },
      { start: 1, end: Number.NaN },
      { start: 1.5, end: 3 },
    ]) {
      expect(() => resolveRange(KEY, 10, r)).toThrow(BlobRangeError);
    }
    expect(() => resolveRange(KEY, 0, { start: 0, end: 0 })).toThrow(BlobRangeError);
  });

  it('rejects bad parameters', () => {
    expect(() => new BlobEncryptStream({ dataKey: Buffer.alloc(16), storageKey: KEY })).toThrow(TypeError);
    expect(() => new BlobEncryptStream({ dataKey, storageKey: KEY, chunkSize: 10 })).toThrow(RangeError);
  });
});
