import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';
import { BlobIntegrityError, BlobNotFoundError, BlobRangeError, InvalidBlobKeyError } from './errors.js';

/**
 * The behaviour every BlobStore implementation must have (file system now, S3 later). Use from a *.test.ts:
 *
 *   runBlobStoreContract('FsBlobStore', async () => ({ store, cleanup }));
 *
 * The factory returns a fresh, empty store; any user id must be accepted by its keyring.
 */
export interface BlobStoreFixture {
  store: BlobStore;
  cleanup?: () => Promise<void>;
}

const USER_A = 'user-a';
const USER_B = 'user-b';

export interface ContractOptions {
  /**
   * False for a test server whose concurrent writes to one key can interleave (s3rver writes objects in place);
   * the racing-writers case is skipped there. Every real store keeps it true.
   */
  atomicConcurrentPuts?: boolean;
}

export function runBlobStoreContract(name: string, factory: () => Promise<BlobStoreFixture>, opts: ContractOptions = {}): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup?.();
    });

    it('round-trips a Buffer and reports plaintext size and sha256', async () => {
      const data = crypto.randomBytes(300_007);
      const res = await store.put('u/user-a/asset1/original', data, { userId: USER_A, contentType: 'image/png' });
      expect(res).toEqual({ size: data.length, sha256: sha256(data) });
      expect((await store.getBuffer('u/user-a/asset1/original', USER_A)).equals(data)).toBe(true);
      expect((await collect(await store.get('u/user-a/asset1/original', USER_A))).equals(data)).toBe(true);
      expect(await store.stat('u/user-a/asset1/original')).toEqual(res);
      expect(await store.exists('u/user-a/asset1/original')).toBe(true);
    });

    it('round-trips a stream written in uneven pieces', async () => {
      const data = crypto.randomBytes(1_000_003);
      const res = await store.put('u/user-a/streamed/original', Readable.from(pieces(data)), { userId: USER_A });
      expect(res).toEqual({ size: data.length, sha256: sha256(data) });
      expect((await store.getBuffer('u/user-a/streamed/original', USER_A)).equals(data)).toBe(true);
    });

    it('stores an empty blob', async () => {
      const res = await store.put('u/user-a/empty/original', Buffer.alloc(0), { userId: USER_A });
      expect(res).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
      expect((await store.getBuffer('u/user-a/empty/original', USER_A)).length).toBe(0);
      expect(await store.stat('u/user-a/empty/original')).toEqual(res);
      await expect(store.get('u/user-a/empty/original', USER_A, { start: 0, end: 0 })).rejects.toBeInstanceOf(
        BlobRangeError,
      );
    });

    it('serves inclusive byte ranges, clamping an end past the last byte', async () => {
      const data = crypto.randomBytes(200_001);
      const key = 'u/user-a/ranged/original';
      await store.put(key, data, { userId: USER_A });
      const last = data.length - 1;
      const ranges: Array<[number, number]> = [
        [0, 0],
        [0, last],
        [last, last],
        [1, 1],
        [65_535, 65_536],
        [65_536, 131_071],
        [12_345, 198_765],
        [last - 10, last],
      ];
      for (const [start, end] of ranges) {
        const got = await collect(await store.get(key, USER_A, { start, end }));
        expect(got.equals(data.subarray(start, end + 1)), `range ${start}-${end}`).toBe(true);
      }
      const clamped = await collect(await store.get(key, USER_A, { start: last - 3, end: last + 1000 }));
      expect(clamped.equals(data.subarray(last - 3))).toBe(true);
    });

    it('rejects unsatisfiable ranges', async () => {
      const key = 'u/user-a/ranged/small';
      await store.put(key, Buffer.from('hello'), { userId: USER_A });
      for (const range of [
        { start: 5, end: 10 },
        { start: 3, end: 2 },
        { start: -1, end: 2 },
        { start: 0.5, end: 2 },
      ]) {
        await expect(store.get(key, USER_A, range), JSON.stringify(range)).rejects.toBeInstanceOf(BlobRangeError);
      }
    });

    it('replaces a blob atomically on overwrite', async () => {
      const key = 'u/user-a/asset2/original';
      await store.put(key, Buffer.from('first version'), { userId: USER_A });
      const second = crypto.randomBytes(70_000);
      await store.put(key, second, { userId: USER_A });
      expect((await store.getBuffer(key, USER_A)).equals(second)).toBe(true);
      expect(await store.stat(key)).toEqual({ size: second.length, sha256: sha256(second) });
    });

    it.skipIf(opts.atomicConcurrentPuts === false)('ends with exactly one whole version when two writers race', async () => {
      const key = 'u/user-a/raced/original';
      const one = crypto.randomBytes(150_000);
      const two = crypto.randomBytes(170_000);
      await Promise.all([
        store.put(key, Readable.from(pieces(one)), { userId: USER_A }),
        store.put(key, Readable.from(pieces(two)), { userId: USER_A }),
      ]);
      const got = await store.getBuffer(key, USER_A);
      expect(got.equals(one) || got.equals(two)).toBe(true);
    });

    it('reports missing blobs', async () => {
      const key = 'u/user-a/nothing/original';
      await expect(store.get(key, USER_A)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(store.getBuffer(key, USER_A)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.stat(key)).toBeUndefined();
      expect(await store.exists(key)).toBe(false);
      await expect(store.delete(key)).resolves.toBeUndefined();
      // A key "under" a missing blob, and a folder that is not a blob, are missing too.
      await store.put('u/user-a/folder/original', Buffer.from('x'), { userId: USER_A });
      expect(await store.exists('u/user-a/folder')).toBe(false);
      await expect(store.get('u/user-a/folder', USER_A)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.exists('u/user-a/folder/original/deeper')).toBe(false);
    });

    it('deletes one blob and leaves its neighbours', async () => {
      await store.put('u/user-a/a1/original', Buffer.from('one'), { userId: USER_A });
      await store.put('u/user-a/a1/thumb', Buffer.from('two'), { userId: USER_A });
      await store.delete('u/user-a/a1/original');
      expect(await store.exists('u/user-a/a1/original')).toBe(false);
      expect((await store.getBuffer('u/user-a/a1/thumb', USER_A)).toString()).toBe('two');
      await store.delete('u/user-a/a1/original'); // idempotent
    });

    it('deletes by prefix on whole path segments', async () => {
      const keep = ['u/ab/x/original', 'u/abc/x/original', 'u/abc/y/thumb', 'u/a/original'];
      const gone = ['u/abc', 'u/abc/x/original', 'u/abc/y/thumb'];
      for (const k of [...keep, 'u/abc']) await store.put(k, Buffer.from(k), { userId: USER_A });
      await store.deletePrefix('u/abc');
      for (const k of gone) expect(await store.exists(k), k).toBe(false);
      for (const k of ['u/ab/x/original', 'u/a/original']) expect(await store.exists(k), k).toBe(true);

      await store.deletePrefix('u/ab/'); // trailing slash
      expect(await store.exists('u/ab/x/original')).toBe(false);
      expect(await store.exists('u/a/original')).toBe(true);

      await store.deletePrefix('u/never-was'); // missing: no-op
      await expect(store.deletePrefix('')).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.deletePrefix('/')).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.deletePrefix('u/../u')).rejects.toBeInstanceOf(InvalidBlobKeyError);
      expect(await store.exists('u/a/original')).toBe(true);

      await store.put('u/ab/x/original', Buffer.from('again'), { userId: USER_A }); // the tree can be re-created
      expect((await store.getBuffer('u/ab/x/original', USER_A)).toString()).toBe('again');
    });

    it('rejects unsafe or non-canonical keys in every method', async () => {
      const bad = [
        '',
        '/etc/passwd',
        '../x',
        'u/../../x',
        'u/./x',
        'u//x',
        'u/x/',
        'u\\x',
        'u/x y',
        'u/ü',
        'u/.hidden',
        'u/-rf',
        'u/x\0y',
        'u/x.atb',
        'a'.repeat(513),
        Array.from({ length: 17 }, () => 'a').join('/'),
      ];
      for (const key of bad) {
        const label = JSON.stringify(key.slice(0, 40));
        await expect(store.put(key, Buffer.from('x'), { userId: USER_A }), label).rejects.toBeInstanceOf(
          InvalidBlobKeyError,
        );
        await expect(store.get(key, USER_A), label).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.stat(key), label).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.exists(key), label).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.delete(key), label).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
      // Readable keys of the shapes the app uses are fine.
      await store.put('u/01HZX3/01HZX4-a_b.c/original', Buffer.from('ok'), { userId: USER_A });
    });

    it("never returns one user's plaintext to another user", async () => {
      const key = 'u/user-a/private/original';
      await store.put(key, Buffer.from('secret of A'), { userId: USER_A });
      await store.put('u/user-b/own/original', Buffer.from('B has a key too'), { userId: USER_B });
      await expect(store.get(key, USER_B)).rejects.toBeInstanceOf(BlobIntegrityError);
      await expect(store.getBuffer(key, USER_B)).rejects.toBeInstanceOf(BlobIntegrityError);
    });

    it('leaves nothing behind when the source stream fails, and keeps the previous version', async () => {
      const key = 'u/user-a/failing/original';
      await store.put(key, Buffer.from('previous'), { userId: USER_A });
      const failing = Readable.from(
        (async function* () {
          yield crypto.randomBytes(200_000);
          throw new Error('client went away');
        })(),
      );
      await expect(store.put(key, failing, { userId: USER_A })).rejects.toThrow('client went away');
      expect((await store.getBuffer(key, USER_A)).toString()).toBe('previous');

      const fresh = 'u/user-a/failing/fresh';
      const failing2 = Readable.from(
        (async function* () {
          yield Buffer.alloc(10);
          throw new Error('boom');
        })(),
      );
      await expect(store.put(fresh, failing2, { userId: USER_A })).rejects.toThrow('boom');
      expect(await store.exists(fresh)).toBe(false);
      expect(await store.stat(fresh)).toBeUndefined();
    });

    it('lets a reader stop early', async () => {
      const key = 'u/user-a/big/original';
      await store.put(key, crypto.randomBytes(2_000_000), { userId: USER_A });
      const stream = await store.get(key, USER_A);
      await new Promise<void>((resolve, reject) => {
        stream.once('data', () => {
          stream.destroy();
          resolve();
        });
        stream.once('error', reject);
      });
      // The store still works, and the blob can be replaced and removed afterwards.
      await store.put(key, Buffer.from('small'), { userId: USER_A });
      await store.delete(key);
      expect(await store.exists(key)).toBe(false);
    });
  });
}

export function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts);
}

/** Splits data into uneven pieces (1 byte up to ~100 KB) so chunk boundaries never line up with writes. */
function* pieces(data: Buffer): Generator<Buffer> {
  const sizes = [1, 7, 4096, 65_535, 65_537, 100_003, 13];
  for (let off = 0, i = 0; off < data.length; i++) {
    const n = sizes[i % sizes.length];
    yield data.subarray(off, off + n);
    off += n;
  }
}
