import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADER_BYTES, TAG_BYTES, TRAILER_BYTES, encryptedSize } from './blob-crypto.js';
import { collect, runBlobStoreContract, sha256 } from './blob-store.contract.js';
import { BlobIntegrityError, BlobKeyMismatchError, UserKeyNotFoundError } from './errors.js';
import { FsBlobStore } from './fs-blob-store.js';
import { Keyring } from './keyring.js';
import { openTestKeyring, type TestKeyring } from './test-keyring.js';
import { KyselyUserKeyRepository } from './user-key.repository.js';

interface Env extends TestKeyring {
  store: FsBlobStore;
}

async function makeEnv(chunkSize?: number): Promise<Env> {
  const base = await openTestKeyring('atelier-fsblob-');
  const store = new FsBlobStore(path.join(base.dir, 'blobs'), base.keyring, { chunkSize });
  return { ...base, store };
}

runBlobStoreContract('FsBlobStore', async () => {
  const env = await makeEnv();
  return { store: env.store, cleanup: () => env.close() };
});

runBlobStoreContract('FsBlobStore (64-byte chunks)', async () => {
  const env = await makeEnv(64);
  return { store: env.store, cleanup: () => env.close() };
});

// Every put as an unpublished key: written in place, or (key taken) replaced atomically. Same contract.
runBlobStoreContract('FsBlobStore (unpublished puts)', async () => {
  const env = await makeEnv(64);
  const store = env.store;
  const put = store.put.bind(store);
  store.put = (key, data, opts) => put(key, data, { ...opts, unpublished: true });
  return { store, cleanup: () => env.close() };
});

describe('FsBlobStore on disk', () => {
  const CHUNK = 64 * 1024;
  const A = 'user-a';
  const B = 'user-b';
  let env: Env;
  let store: FsBlobStore;

  beforeEach(async () => {
    env = await makeEnv(CHUNK); // the layout checks below count 64 KiB chunks, not the default size
    store = env.store;
  });
  afterEach(async () => {
    await env.close();
  });

  const fileOf = (key: string) => `${path.join(store.root, ...key.split('/'))}.atb`;
  const chunkOffset = (i: number) => HEADER_BYTES + i * (CHUNK + TAG_BYTES);

  async function putRandom(key: string, size: number, userId = A): Promise<Buffer> {
    const data = crypto.randomBytes(size);
    await store.put(key, data, { userId });
    return data;
  }

  async function expectUnreadable(key: string, userId = A): Promise<void> {
    // Either the open fails, or the stream errors before the damaged bytes: never wrong plaintext.
    await expect(store.getBuffer(key, userId)).rejects.toBeInstanceOf(BlobIntegrityError);
  }

  it('lays blobs out as private .atb files under the root, with no temp files left', async () => {
    const key = 'u/user-a/asset1/original';
    const data = await putRandom(key, 5 * CHUNK + 7);
    const file = fileOf(key);
    expect(fs.statSync(file).size).toBe(encryptedSize(data.length, CHUNK));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['original.atb']);
  });

  it('creates every missing folder of a new key as private, and puts beside existing blobs in the same folder', async () => {
    await putRandom('u/user-a/gen/ab/g1-0', 10);
    const second = await putRandom('u/user-a/gen/ab/g1-1', 10);
    for (const folder of ['u', 'u/user-a', 'u/user-a/gen', 'u/user-a/gen/ab']) {
      expect(fs.statSync(path.join(store.root, folder)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readdirSync(path.join(store.root, 'u/user-a/gen/ab')).sort()).toEqual(['g1-0.atb', 'g1-1.atb']);
    expect(await store.getBuffer('u/user-a/gen/ab/g1-1', A)).toEqual(second);
  });

  it('never writes the plaintext to disk', async () => {
    const pattern = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) & 0xff));
    const data = Buffer.concat(Array.from({ length: 300 }, () => pattern)); // 300 KB of a recognisable pattern
    await store.put('u/user-a/pattern/original', data, { userId: A });
    const onDisk = fs.readFileSync(fileOf('u/user-a/pattern/original'));
    expect(onDisk.includes(pattern.subarray(0, 64))).toBe(false);
    expect(onDisk.includes(Buffer.from(sha256(data), 'hex'))).toBe(true); // only the trailer digest is in clear
    expect((await store.getBuffer('u/user-a/pattern/original', A)).equals(data)).toBe(true);
  });

  it('detects a single flipped bit anywhere in the file', async () => {
    const key = 'u/user-a/tamper/original';
    const data = await putRandom(key, 3 * CHUNK + 100);
    const file = fileOf(key);
    const pristine = fs.readFileSync(file);
    const spots = [
      0, // magic
      9, // chunk size
      14, // key id
      25, // salt
      HEADER_BYTES, // first ciphertext byte
      chunkOffset(1) + 500, // middle chunk body
      chunkOffset(1) - 1, // a tag
      chunkOffset(3) + 3, // last chunk body
      pristine.length - TRAILER_BYTES - 1, // last tag
      pristine.length - TRAILER_BYTES + 15, // trailer size
      pristine.length - 1, // trailer sha256
    ];
    for (const at of spots) {
      const copy = Buffer.from(pristine);
      copy[at] ^= 0x01;
      fs.writeFileSync(file, copy);
      await expectUnreadable(key);
    }
    fs.writeFileSync(file, pristine);
    expect((await store.getBuffer(key, A)).equals(data)).toBe(true);
  });

  it('serves the bytes before damage, then errors on the damaged chunk', async () => {
    const key = 'u/user-a/partial/original';
    const data = await putRandom(key, 4 * CHUNK);
    const file = fileOf(key);
    const bytes = fs.readFileSync(file);
    bytes[chunkOffset(2) + 10] ^= 0xff;
    fs.writeFileSync(file, bytes);
    // A range that avoids chunk 2 is served (the last chunk authenticates header, size and digest).
    expect((await collect(await store.get(key, A, { start: 0, end: 2 * CHUNK - 1 }))).equals(data.subarray(0, 2 * CHUNK))).toBe(true);
    const received: Buffer[] = [];
    const stream = await store.get(key, A);
    const error = await new Promise<unknown>((resolve) => {
      stream.on('data', (c: Buffer) => received.push(c));
      stream.on('error', resolve);
      stream.on('end', () => resolve(undefined));
    });
    expect(error).toBeInstanceOf(BlobIntegrityError);
    const got = Buffer.concat(received);
    expect(got.length).toBeLessThanOrEqual(2 * CHUNK);
    expect(got.equals(data.subarray(0, got.length))).toBe(true);
  });

  it('detects swapped chunks', async () => {
    const key = 'u/user-a/swap/original';
    await putRandom(key, 3 * CHUNK + 5);
    const file = fileOf(key);
    const bytes = fs.readFileSync(file);
    const stride = CHUNK + TAG_BYTES;
    const c0 = Buffer.from(bytes.subarray(chunkOffset(0), chunkOffset(0) + stride));
    const c1 = Buffer.from(bytes.subarray(chunkOffset(1), chunkOffset(1) + stride));
    c1.copy(bytes, chunkOffset(0));
    c0.copy(bytes, chunkOffset(1));
    fs.writeFileSync(file, bytes);
    await expectUnreadable(key);
    await expect(collect(await store.get(key, A, { start: 0, end: 10 }))).rejects.toBeInstanceOf(BlobIntegrityError);
  });

  it('detects truncation and extension', async () => {
    const key = 'u/user-a/trunc/original';
    await putRandom(key, 3 * CHUNK + 5);
    const file = fileOf(key);
    const pristine = fs.readFileSync(file);
    const stride = CHUNK + TAG_BYTES;
    const trailer = pristine.subarray(pristine.length - TRAILER_BYTES);
    const variants: Buffer[] = [
      pristine.subarray(0, pristine.length - 1),
      pristine.subarray(0, pristine.length - TRAILER_BYTES),
      pristine.subarray(0, HEADER_BYTES),
      pristine.subarray(0, 10),
      Buffer.alloc(0),
      // whole last chunk dropped, trailer kept, and the trailer size "fixed" to match
      (() => {
        const t = Buffer.from(trailer);
        t.writeBigUInt64BE(BigInt(3 * CHUNK), 8);
        return Buffer.concat([pristine.subarray(0, chunkOffset(3)), t]);
      })(),
      // a whole chunk cut from the middle, trailer size adjusted
      (() => {
        const t = Buffer.from(trailer);
        t.writeBigUInt64BE(BigInt(2 * CHUNK + 5), 8);
        return Buffer.concat([pristine.subarray(0, chunkOffset(1)), pristine.subarray(chunkOffset(2), pristine.length - TRAILER_BYTES), t]);
      })(),
      Buffer.concat([pristine, Buffer.alloc(stride)]),
    ];
    for (const v of variants) {
      fs.writeFileSync(file, v);
      await expectUnreadable(key);
    }
  });

  it("cannot decrypt user A's blob copied to user B's path, or moved to another key of A", async () => {
    const data = await putRandom('u/user-a/asset/original', 2 * CHUNK + 1);
    await putRandom('u/user-b/asset/original', 10, B);
    fs.copyFileSync(fileOf('u/user-a/asset/original'), fileOf('u/user-b/asset/original'));
    await expect(store.getBuffer('u/user-b/asset/original', B)).rejects.toBeInstanceOf(BlobKeyMismatchError);

    fs.mkdirSync(path.dirname(fileOf('u/user-a/other/original')), { recursive: true });
    fs.copyFileSync(fileOf('u/user-a/asset/original'), fileOf('u/user-a/other/original'));
    await expectUnreadable('u/user-a/other/original', A);
    expect((await store.getBuffer('u/user-a/asset/original', A)).equals(data)).toBe(true);
  });

  it('crypto-shreds: after keyring.destroy the blob can never be read, not even by a fresh keyring', async () => {
    const key = 'u/user-a/shred/original';
    const data = await putRandom(key, CHUNK + 3);
    const backup = fs.readFileSync(fileOf(key)); // a copy in some backup
    expect((await store.getBuffer(key, A)).equals(data)).toBe(true);

    expect(await env.keyring.destroy(A)).toBe(true);
    await expect(store.getBuffer(key, A)).rejects.toBeInstanceOf(UserKeyNotFoundError);

    const freshKeyring = new Keyring(env.masterKey, new KyselyUserKeyRepository(env.db));
    const freshStore = new FsBlobStore(store.root, freshKeyring);
    await expect(freshStore.getBuffer(key, A)).rejects.toBeInstanceOf(UserKeyNotFoundError);

    // Even once the same user id gets a new key, the old ciphertext (and its backup) stays unreadable.
    await freshStore.put('u/user-a/new/original', Buffer.from('new life'), { userId: A });
    await expect(freshStore.getBuffer(key, A)).rejects.toBeInstanceOf(BlobKeyMismatchError);
    fs.writeFileSync(fileOf(key), backup);
    await expect(freshStore.getBuffer(key, A)).rejects.toBeInstanceOf(BlobKeyMismatchError);
    // stat needs no key: size and digest stay visible (the database holds them too).
    expect((await freshStore.stat(key))?.size).toBe(data.length);
  });

  it('round-trips the chunk-boundary sizes', async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 7]) {
      const key = `u/user-a/size-${size}/original`;
      const data = await putRandom(key, size);
      expect((await store.getBuffer(key, A)).equals(data), `size ${size}`).toBe(true);
      expect(fs.statSync(fileOf(key)).size).toBe(encryptedSize(size, CHUNK));
    }
  });

  it('serves every range with ends on or next to chunk boundaries', async () => {
    const key = 'u/user-a/ranges/original';
    const size = 5 * CHUNK + 7;
    const data = await putRandom(key, size);
    const points = new Set<number>([0, 1, size - 2, size - 1]);
    for (let c = 1; c <= 5; c++) for (const d of [-1, 0, 1]) points.add(c * CHUNK + d);
    const sorted = [...points].filter((p) => p >= 0 && p < size).sort((x, y) => x - y);
    let count = 0;
    for (const start of sorted) {
      for (const end of sorted) {
        if (end < start) continue;
        const got = await collect(await store.get(key, A, { start, end }));
        if (!got.equals(data.subarray(start, end + 1))) expect.fail(`range ${start}-${end}`);
        count++;
      }
    }
    expect(count).toBeGreaterThan(150);
  });

  it('removes the folders a delete empties, and only those', async () => {
    await putRandom('u/user-a/one/original', 10);
    await putRandom('u/user-a/one/thumb', 10);
    await putRandom('u/user-a/two/original', 10);
    await store.delete('u/user-a/one/original');
    expect(fs.existsSync(path.join(store.root, 'u/user-a/one'))).toBe(true);
    await store.delete('u/user-a/one/thumb');
    expect(fs.existsSync(path.join(store.root, 'u/user-a/one'))).toBe(false);
    expect(fs.existsSync(path.join(store.root, 'u/user-a'))).toBe(true);
    await store.deletePrefix('u/user-a');
    expect(fs.readdirSync(store.root).filter((n) => n !== '.trash')).toEqual([]);
    expect(fs.readdirSync(path.join(store.root, '.trash'))).toEqual([]);
  });

  it('writes an unpublished key in place: no temp file, synced, readable; a taken key is replaced atomically', async () => {
    const key = 'u/user-a/gen/cd/g2-0';
    const first = crypto.randomBytes(3000);
    const put = await store.put(key, first, { userId: A, unpublished: true });
    expect(put).toEqual({ size: 3000, sha256: sha256(first) });
    expect(fs.readdirSync(path.dirname(fileOf(key)))).toEqual(['g2-0.atb']);
    expect(fs.statSync(fileOf(key)).mode & 0o777).toBe(0o600);
    expect(await store.getBuffer(key, A)).toEqual(first);
    // A retried write of the same output finds the key taken: the blob is replaced whole, never mixed.
    const inode = fs.statSync(fileOf(key)).ino;
    const second = crypto.randomBytes(5000);
    await store.put(key, second, { userId: A, unpublished: true });
    expect(await store.getBuffer(key, A)).toEqual(second);
    expect(fs.statSync(fileOf(key)).ino).not.toBe(inode); // renamed over, not rewritten in place
    expect(fs.readdirSync(path.dirname(fileOf(key)))).toEqual(['g2-0.atb']);
  });

  it('refuses a bad key or a missing owner on an unpublished put before writing anything', async () => {
    await expect(store.put('u/user-a/bad/../x', Buffer.alloc(10), { userId: A, unpublished: true })).rejects.toThrow();
    await expect(store.put('u/user-a/x/y', Buffer.alloc(10), { userId: '', unpublished: true })).rejects.toThrow(/userId/);
    expect(fs.existsSync(path.join(store.root, 'u/user-a/x'))).toBe(false);
  });

  it('leaves no temp file when a put fails', async () => {
    await putRandom('u/user-a/t/keep', 10);
    const failing = (async function* () {
      yield Buffer.alloc(100_000);
      throw new Error('upload aborted');
    })();
    const { Readable } = await import('node:stream');
    await expect(store.put('u/user-a/t/original', Readable.from(failing), { userId: A })).rejects.toThrow('upload aborted');
    expect(fs.readdirSync(path.join(store.root, 'u/user-a/t'))).toEqual(['keep.atb']);
  });
  describe('when the disk reports an error on fsync', () => {
    const realFsync = fs.fsync;
    /** Makes fsync fail (EIO) for descriptors of the given kind, once each call, until restored. */
    function failFsync(kind: 'file' | 'folder'): void {
      fs.fsync = ((fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
        const stat = fs.fstatSync(fd);
        if (kind === 'file' ? stat.isFile() : stat.isDirectory()) {
          setImmediate(() => callback(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })));
        } else {
          realFsync(fd, callback);
        }
      }) as typeof fs.fsync;
    }
    /** This process's descriptors of files and folders in the store (a removed file shows as "… (deleted)"). */
    const openInStore = () => fs.readdirSync('/proc/self/fd')
      .map((fd) => { try { return fs.readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } })
      .filter((target) => target.startsWith(store.root));
    afterEach(() => {
      fs.fsync = realFsync;
    });

    it.runIf(process.platform === 'linux')('fails an in-place put, leaves no file and no open descriptor, and a retry stores the blob', async () => {
      const key = 'u/user-a/gen/g9-0';
      const data = crypto.randomBytes(3000);
      await putRandom('u/user-a/gen/g8-0', 10); // the folder exists: only the put's own descriptors are in play
      failFsync('file');
      await expect(store.put(key, data, { userId: A, unpublished: true })).rejects.toMatchObject({ code: 'EIO' });
      expect(fs.existsSync(fileOf(key))).toBe(false);
      expect(openInStore()).toEqual([]);

      fs.fsync = realFsync;
      await store.put(key, data, { userId: A, unpublished: true });
      expect(await store.getBuffer(key, A)).toEqual(data);
    });

    it.runIf(process.platform === 'linux')('keeps the old blob whole when the fsync of its replacement fails', async () => {
      const key = 'u/user-a/t/original';
      const old = await putRandom(key, 70_000);
      failFsync('file');
      await expect(store.put(key, crypto.randomBytes(90_000), { userId: A })).rejects.toMatchObject({ code: 'EIO' });
      await expect(store.put(key, crypto.randomBytes(500), { userId: A, unpublished: true })).rejects.toMatchObject({ code: 'EIO' });
      fs.fsync = realFsync;
      // Before reading: a read's descriptor closes when its stream closes, a moment after the last chunk.
      expect(openInStore()).toEqual([]);
      expect(await store.getBuffer(key, A)).toEqual(old);
      expect(fs.readdirSync(path.dirname(fileOf(key)))).toEqual(['original.atb']); // no temp file left
    });

    it.runIf(process.platform === 'linux')('stores an in-place put when only the folder cannot be synced (some file systems refuse)', async () => {
      const key = 'u/user-a/gen/g7-0';
      await putRandom('u/user-a/gen/g6-0', 10);
      failFsync('folder');
      const data = crypto.randomBytes(1000);
      await store.put(key, data, { userId: A, unpublished: true });
      fs.fsync = realFsync;
      expect(openInStore()).toEqual([]);
      expect(await store.getBuffer(key, A)).toEqual(data);
    });
  });
});
