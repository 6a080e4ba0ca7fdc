import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobEncryptStream, DEFAULT_CHUNK_SIZE, readBlobInfo } from './blob-crypto.js';
import { assertValidBlobKey, normalizeBlobPrefix } from './blob-key.js';
import { decryptedStream, readAll } from './blob-reading.js';
import type { BlobStat, BlobStore, ByteRange, PutOptions, PutResult } from './blob-store.js';
import { BlobNotFoundError } from './errors.js';
import type { Keyring } from './keyring.js';
import { S3CiphertextSource, WHOLE_READ_BYTES, WINDOW_BYTES, isMissing } from './s3-ciphertext-source.js';

/** A Buffer up to this size is encrypted in one call (ciphertext ≈ plaintext in memory); larger ones stream. */
const WHOLE_BUFFER_MAX = 4 * 1024 * 1024;
/** S3 deletes at most this many keys per DeleteObjects request, and lists as many per page. */
const DELETE_BATCH = 1000;

export interface S3BlobStoreOptions {
  bucket: string;
  /** Plaintext bytes per encrypted chunk for new blobs (readers use each blob's own). */
  chunkSize?: number;
  /** Ciphertext bytes per part of a multipart upload (S3's minimum is 5 MiB). Smaller objects take one PUT. */
  partSize?: number;
}

/**
 * BlobStore on an S3-compatible bucket: one object per blob, under the blob key itself, holding exactly the ATB1
 * ciphertext a file would (header, sealed chunks, trailer), so the bucket never sees a plaintext image, and the
 * objects carry no content type or metadata about it either.
 *
 * Writes stream through the encryptor into lib-storage's Upload: one PutObject up to `partSize`, a multipart upload
 * above it (aborted if the source fails). Either way S3 makes the new object visible whole or not at all.
 * Reads fetch only the encrypted chunks a range needs, with ranged GetObject requests (S3CiphertextSource).
 */
export class S3BlobStore implements BlobStore {
  readonly bucket: string;
  private readonly chunkSize: number;
  private readonly partSize: number;

  constructor(
    private readonly client: S3Client,
    private readonly keyring: Keyring,
    opts: S3BlobStoreOptions,
  ) {
    this.bucket = opts.bucket;
    this.chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    this.partSize = opts.partSize ?? 8 * 1024 * 1024;
  }

  async ready(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async put(key: string, data: Buffer | Readable, opts: PutOptions): Promise<PutResult> {
    assertValidBlobKey(key);
    if (!opts || typeof opts.userId !== 'string' || opts.userId === '') throw new TypeError('put needs opts.userId');
    const dataKey = await this.keyring.dataKeyFor(opts.userId);
    const encryptor = new BlobEncryptStream({ dataKey, storageKey: key, chunkSize: this.chunkSize });
    if (Buffer.isBuffer(data) && data.length <= WHOLE_BUFFER_MAX) {
      await this.upload(key, Buffer.concat(encryptor.encryptWhole(data))).done();
      return encryptor.result!;
    }
    const upload = this.upload(key, encryptor);
    const uploaded = upload.done();
    // A failed upload needs no more ciphertext: stop reading and encrypting the source.
    uploaded.catch((err: Error) => encryptor.destroy(err));
    try {
      await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, encryptor);
    } catch (err) {
      await upload.abort().catch(() => undefined);
      await uploaded.catch(() => undefined);
      throw err;
    }
    await uploaded;
    return encryptor.result!;
  }

  async get(key: string, userId: string, range?: ByteRange): Promise<Readable> {
    assertValidBlobKey(key);
    // Read whole, a blob of the usual size comes in the first GET; for a range, only the chunks it covers.
    const source = await S3CiphertextSource.open(this.client, this.bucket, key, range ? WINDOW_BYTES : WHOLE_READ_BYTES);
    return decryptedStream(source, await this.keyring.existingDataKeyFor(userId), key, range);
  }

  async getBuffer(key: string, userId: string): Promise<Buffer> {
    return readAll(await this.get(key, userId));
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    assertValidBlobKey(key);
    try {
      return await readBlobInfo(await S3CiphertextSource.open(this.client, this.bucket, key), key);
    } catch (err) {
      if (err instanceof BlobNotFoundError) return undefined;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertValidBlobKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })); // S3: missing is no error
  }

  /**
   * The object at the prefix, then every object under `prefix/`, a listing page (≤ 1000 keys) per DeleteObjects.
   * Each page is listed from the start again rather than with a continuation token: what the last page listed
   * is gone anyway, and no server-side token state is involved.
   */
  async deletePrefix(prefix: string): Promise<void> {
    const p = normalizeBlobPrefix(prefix);
    await this.delete(p);
    let previous = '';
    for (;;) {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${p}/`, MaxKeys: DELETE_BATCH }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length === 0) return;
      const listed = keys.map((k) => k.Key).join('\n');
      if (listed === previous) throw new Error(`S3 still lists objects under ${p}/ after deleting them (e.g. ${keys[0]!.Key})`);
      previous = listed;
      const res = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }));
      if (res.Errors?.length) {
        const e = res.Errors[0]!;
        throw new Error(`S3 refused to delete ${res.Errors.length} object(s) under ${p}/, e.g. ${e.Key}: ${e.Code} ${e.Message}`);
      }
    }
  }

  private upload(key: string, body: Buffer | Readable): Upload {
    return new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
      partSize: this.partSize,
      queueSize: 4,
      leavePartsOnError: false,
    });
  }
}
