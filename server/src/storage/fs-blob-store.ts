import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { blobKeySegments, normalizeBlobPrefix } from './blob-key.js';
import {
  BlobEncryptStream,
  DEFAULT_CHUNK_SIZE,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  readBlobInfo,
  type CiphertextSource,
} from './blob-crypto.js';
import { decryptedStream, readAll } from './blob-reading.js';
import type { BlobStat, BlobStore, ByteRange, PutOptions, PutResult } from './blob-store.js';
import { BlobIntegrityError, BlobNotFoundError } from './errors.js';
import type { Keyring } from './keyring.js';

export { BlobNotFoundError } from './errors.js';

/** Blob files get this suffix; keys may not end a segment with it, so files and folders never collide. */
const BLOB_SUFFIX = '.atb';
/** Temp files and the trash folder start with '.', which no key segment may: they are never seen as blobs. */
const TEMP_PREFIX = '.tmp-';
const TRASH_DIR = '.trash';
/** A Buffer put is fed to the encryptor in slices of this size, so backpressure applies to it as to streams. */
const BUFFER_SLICE = 1024 * 1024;
/** A Buffer up to this size is encrypted in one call and written with one writev (ciphertext ≈ plaintext in memory). */
const WHOLE_BUFFER_MAX = 4 * 1024 * 1024;
/** Ciphertext up to this size is written in place with one synchronous writev (see putInPlace). */
const SYNC_WRITE_MAX = 256 * 1024;

export interface FsBlobStoreOptions {
  /** Plaintext bytes per encrypted chunk for new blobs (readers use each blob's own). Default 256 KiB. */
  chunkSize?: number;
}

/**
 * BlobStore on the local file system, one ATB1-encrypted file per blob: key `u/<user>/<asset>/original` is
 * `<root>/u/<user>/<asset>/original.atb`. Folders are 0700 and files 0600.
 *
 * Writes stream through the encryptor into a temp file in the target folder, which is fsynced and renamed over
 * the target (then the folder is fsynced; a folder the put had to create is made durable in its parent too): a
 * crash leaves at most an invisible `.tmp-*` file, never a partial blob. Memory use of a put is a few chunks,
 * whatever the blob size: the source is consumed with backpressure (a Buffer of up to 4 MiB, already in memory, is
 * encrypted in one call while the temp file opens, and written with one writev).
 * Readers hold the file open, so a blob replaced while being read is read whole, in its old version.
 */
export class FsBlobStore implements BlobStore {
  readonly root: string;
  private readonly rootPrefix: string;
  private readonly chunkSize: number;

  constructor(
    root: string,
    private readonly keyring: Keyring,
    opts: FsBlobStoreOptions = {},
  ) {
    this.root = path.resolve(root);
    this.rootPrefix = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
    this.chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(this.chunkSize) || this.chunkSize < MIN_CHUNK_SIZE || this.chunkSize > MAX_CHUNK_SIZE) {
      throw new RangeError(`chunkSize must be an integer from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`);
    }
  }

  async put(key: string, data: Buffer | Readable, opts: PutOptions): Promise<PutResult> {
    if (opts?.unpublished === true && Buffer.isBuffer(data) && data.length <= WHOLE_BUFFER_MAX) {
      const written = await this.putInPlace(key, data, opts);
      if (written) return written;
    }
    return this.putReplacing(key, data, opts);
  }

  /** File and encryptor of a put (validates the key and the owner). */
  private async sealerFor(key: string, opts: PutOptions): Promise<{ file: string; encryptor: BlobEncryptStream }> {
    const file = this.fileFor(key);
    if (!opts || typeof opts.userId !== 'string' || opts.userId === '') throw new TypeError('put needs opts.userId');
    const dataKey = await this.keyring.dataKeyFor(opts.userId);
    return { file, encryptor: new BlobEncryptStream({ dataKey, storageKey: key, chunkSize: this.chunkSize }) };
  }

  /**
   * An unpublished key (see PutOptions) is written straight under its name, then the file and its folder are
   * synced at the same time: fewer round trips than a temp file and rename, and the two fsyncs overlap.
   * Nobody can read the file before it is complete (readers find blobs through rows written after put
   * resolves); a crash leaves a file no row points to, as a crash between put and the row would. Undefined when
   * the key exists (a retried write): the caller then replaces it atomically.
   *
   * Only the calls that can wait on the disk or on other writers go to libuv's thread pool: creating the file
   * and the two fsyncs. Opening the folder, closing, and writing a small blob into the page cache take
   * microseconds, less than the wake-ups of a round trip through the pool, which on a busy machine cost the
   * event loop more than the calls themselves (ADR 0007).
   */
  private async putInPlace(key: string, data: Buffer, opts: PutOptions): Promise<PutResult | undefined> {
    const { file, encryptor } = await this.sealerFor(key, opts);
    const opening = createExclusive(file);
    let sealed: Buffer[];
    try {
      sealed = encryptor.encryptWhole(data); // while the file opens on libuv's thread pool
    } catch (err) {
      await opening.then((fd) => (fd === undefined ? undefined : removeFile(fd, file)), () => undefined);
      throw err;
    }
    const fd = await opening;
    if (fd === undefined) return undefined;
    let dirFd: number | undefined;
    try {
      if (byteLength(sealed) <= SYNC_WRITE_MAX) writeAllvSync(fd, sealed);
      else await writeAllv(fd, sealed);
      dirFd = openForSyncNow(path.dirname(file));
      // Both fsyncs settle before either descriptor is closed; the folder's may fail where folders cannot be synced.
      const [fileSynced] = await Promise.allSettled([fdSync(fd), dirFd === undefined ? undefined : fdSync(dirFd)]);
      if (fileSynced.status === 'rejected') throw fileSynced.reason;
    } catch (err) {
      await removeFile(fd, file);
      throw err;
    } finally {
      if (dirFd !== undefined) closeQuietly(dirFd);
    }
    closeQuietly(fd); // after the fsync: a failing close loses nothing
    return encryptor.result!;
  }

  private async putReplacing(key: string, data: Buffer | Readable, opts: PutOptions): Promise<PutResult> {
    let file: string;
    let tmp: { fd: number; path: string };
    let encryptor: BlobEncryptStream;
    let sealed: Buffer[] | undefined;
    try {
      ({ file, encryptor } = await this.sealerFor(key, opts));
      const opening = this.createTemp(path.dirname(file));
      // A small buffer is encrypted in one go while the temp file opens on libuv's thread pool.
      if (Buffer.isBuffer(data) && data.length <= WHOLE_BUFFER_MAX) {
        try {
          sealed = encryptor.encryptWhole(data);
        } catch (err) {
          await opening.then((t) => fdClose(t.fd).then(() => fsp.rm(t.path, { force: true })), () => undefined).catch(() => undefined);
          throw err;
        }
      }
      tmp = await opening;
    } catch (err) {
      if (!Buffer.isBuffer(data)) data.destroy(); // nobody will read it: release the upload
      throw err;
    }

    // The folder is opened for its fsync while the file is written and synced: one round trip less at the end.
    const dirOpening = openForSync(path.dirname(file));
    let closed = false;
    let renamed = false;
    try {
      if (sealed) {
        await writeAllv(tmp.fd, sealed);
      } else {
        const source = Buffer.isBuffer(data) ? Readable.from(slices(data, BUFFER_SLICE)) : data;
        await pipeline(source, encryptor, async (ciphertext: AsyncIterable<Buffer>) => {
          for await (const chunk of ciphertext) await writeAll(tmp.fd, chunk);
        });
      }
      await fdSync(tmp.fd);
      // The data is on disk: closing can run alongside the rename (a close error then loses nothing).
      closed = true;
      const closing = fdClose(tmp.fd).catch(() => undefined);
      await fsp.rename(tmp.path, file);
      renamed = true;
      await closing;
    } finally {
      if (!closed) await fdClose(tmp.fd).catch(() => undefined);
      if (!renamed) {
        await fsp.rm(tmp.path, { force: true }).catch(() => undefined);
        await syncAndClose(await dirOpening, false);
      }
    }
    await syncAndClose(await dirOpening, true);
    return encryptor.result!;
  }

  async get(key: string, userId: string, range?: ByteRange): Promise<Readable> {
    const fh = await this.openBlob(key);
    try {
      const source = await fileSource(fh, key);
      const stream = await decryptedStream(source, await this.keyring.existingDataKeyFor(userId), key, range);
      stream.once('close', () => void fh.close().catch(() => undefined));
      return stream;
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
  }

  async getBuffer(key: string, userId: string): Promise<Buffer> {
    return readAll(await this.get(key, userId));
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    let fh: FileHandle;
    try {
      fh = await this.openBlob(key);
    } catch (err) {
      if (err instanceof BlobNotFoundError) return undefined;
      throw err;
    }
    try {
      return await readBlobInfo(await fileSource(fh, key), key);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  /** The blob folder exists (it is made at start) and can be written. */
  async ready(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true, mode: 0o700 });
    await fsp.access(this.root, fs.constants.W_OK);
  }

  async exists(key: string): Promise<boolean> {
    const file = this.fileFor(key);
    try {
      return (await fsp.stat(file)).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.fileFor(key);
    try {
      await fsp.unlink(file);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    await this.pruneEmptyDirs(path.dirname(file));
  }

  /**
   * The blob at the prefix, then the folder tree under it: the folder is first renamed into `<root>/.trash`
   * (so it vanishes at once for readers), then removed. A crash mid-removal leaves only trash behind.
   */
  async deletePrefix(prefix: string): Promise<void> {
    const p = normalizeBlobPrefix(prefix);
    await this.delete(p);
    const dir = path.join(this.root, ...blobKeySegments(p));
    const trash = path.join(this.root, TRASH_DIR);
    await fsp.mkdir(trash, { recursive: true, mode: 0o700 });
    const doomed = path.join(trash, `${Date.now()}-${crypto.randomBytes(8).toString('hex')}`);
    try {
      await fsp.rename(dir, doomed);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    await fsp.rm(doomed, { recursive: true, force: true });
    await this.pruneEmptyDirs(path.dirname(dir));
  }

  /** The file of a key (validated: no way out of the root). */
  private fileFor(key: string): string {
    const segments = blobKeySegments(key);
    segments[segments.length - 1] += BLOB_SUFFIX;
    const file = path.join(this.root, ...segments);
    if (!file.startsWith(this.rootPrefix)) throw new Error(`Blob path escapes the root: ${key}`); // belt and braces
    return file;
  }

  private async openBlob(key: string): Promise<FileHandle> {
    const file = this.fileFor(key);
    try {
      return await fsp.open(file, 'r');
    } catch (err) {
      if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') throw new BlobNotFoundError(key);
      throw err;
    }
  }

  /**
   * A private temp file next to the target. Most puts go to a folder that exists, so the folder is made only when
   * the open finds it missing; retried when a concurrent delete prunes the folder in between.
   */
  private async createTemp(dir: string): Promise<{ fd: number; path: string }> {
    const tmpPath = path.join(dir, `${TEMP_PREFIX}${crypto.randomBytes(12).toString('hex')}`);
    const fd = await createExclusive(tmpPath);
    if (fd === undefined) throw new Error('temp file name already taken'); // 96 random bits: never in practice
    return { fd, path: tmpPath };
  }

  /** Removes now-empty folders up to (not including) the root; stops at the first non-empty one. */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    let d = dir;
    while (d.startsWith(this.rootPrefix) && d !== this.root) {
      try {
        await fsp.rmdir(d);
      } catch {
        return; // not empty (or gone, or busy): leave it
      }
      d = path.dirname(d);
    }
  }
}

function* slices(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

// The write path uses plain descriptors and node:fs callbacks: each FileHandle call costs the event loop
// noticeably more.
const fdOpen = (file: string, flags: string, mode?: number) =>
  new Promise<number>((resolve, reject) => fs.open(file, flags, mode, (err, fd) => (err ? reject(err) : resolve(fd))));
const fdClose = (fd: number) => new Promise<void>((resolve, reject) => fs.close(fd, (err) => (err ? reject(err) : resolve())));
const fdSync = (fd: number) => new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
const fdWrite = (fd: number, buf: Buffer, off: number) =>
  new Promise<number>((resolve, reject) => fs.write(fd, buf, off, buf.length - off, null, (err, n) => (err ? reject(err) : resolve(n))));
const fdWritev = (fd: number, parts: Buffer[]) =>
  new Promise<number>((resolve, reject) => fs.writev(fd, parts, (err, n) => (err ? reject(err) : resolve(n))));

async function writeAll(fd: number, buf: Buffer): Promise<void> {
  for (let off = 0; off < buf.length; ) off += await fdWrite(fd, buf, off);
}

const byteLength = (parts: Buffer[]) => parts.reduce((n, p) => n + p.length, 0);

async function writeAllv(fd: number, parts: Buffer[]): Promise<void> {
  const written = await fdWritev(fd, parts);
  // A short writev (rare, e.g. a signal): write what is left the plain way.
  if (written < byteLength(parts)) await writeAll(fd, Buffer.concat(parts).subarray(written));
}

function writeAllvSync(fd: number, parts: Buffer[]): void {
  const written = fs.writevSync(fd, parts);
  if (written === byteLength(parts)) return;
  const rest = Buffer.concat(parts).subarray(written);
  for (let off = 0; off < rest.length; ) off += fs.writeSync(fd, rest, off);
}

async function fileSource(fh: FileHandle, key: string): Promise<CiphertextSource> {
  const { size } = await fh.stat();
  return {
    size,
    async read(offset: number, length: number): Promise<Buffer> {
      const buf = Buffer.allocUnsafe(length);
      for (let filled = 0; filled < length; ) {
        const { bytesRead } = await fh.read(buf, filled, length - filled, offset + filled);
        if (bytesRead === 0) throw new BlobIntegrityError(key, 'file ended early (truncated while reading?)');
        filled += bytesRead;
      }
      return buf;
    },
  };
}

/**
 * mkdir -p, then fsync the parent of every folder it created: a folder's entry lives in its parent, and without
 * that a crash could lose the folder, and the blobs in it, after their own fsyncs.
 */
async function makeDurableDir(dir: string): Promise<void> {
  const first = await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return; // it existed (made concurrently)
  const parents: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    parents.push(path.dirname(d));
    if (d === first || path.dirname(d) === d) break;
  }
  await Promise.all(parents.map(fsyncDir));
}

/** Creates `file` for writing, making its folder if needed; undefined when it exists already. */
async function createExclusive(file: string): Promise<number | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fdOpen(file, 'wx', 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return undefined;
      if (code !== 'ENOENT' || attempt >= 4) throw err;
    }
    await makeDurableDir(path.dirname(file));
  }
}

/** Closes and deletes a file this put created and could not finish. */
async function removeFile(fd: number, file: string): Promise<void> {
  await fdClose(fd).catch(() => undefined);
  await fsp.rm(file, { force: true }).catch(() => undefined);
}

/** A descriptor of `dir` for a later fsync, or undefined where a folder cannot be opened (never rejects). */
function openForSync(dir: string): Promise<number | undefined> {
  return fdOpen(dir, 'r').catch(() => undefined);
}

/** openForSync without the thread pool: opening a folder never waits on the disk for long. */
function openForSyncNow(dir: string): number | undefined {
  try {
    return fs.openSync(dir, 'r');
  } catch {
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing is lost: the descriptor was only needed for its fsync.
  }
}

async function syncAndClose(fd: number | undefined, sync: boolean): Promise<void> {
  if (fd === undefined) return;
  try {
    if (sync) await fdSync(fd);
  } catch {
    // Some platforms cannot fsync a folder; the rename is still atomic.
  } finally {
    await fdClose(fd).catch(() => undefined);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  await syncAndClose(await openForSync(dir), true);
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
