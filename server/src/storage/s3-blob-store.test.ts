import crypto from 'node:crypto';
import net from 'node:net';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { startLocalS3, type LocalS3 } from '../test-support/s3-server.js';
import { HEADER_BYTES, TAG_BYTES, encryptedSize } from './blob-crypto.js';
import { collect, runBlobStoreContract, sha256 } from './blob-store.contract.js';
import { createBlobStore } from './create-blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';
import { createS3Client } from './s3-client.js';
import { openTestKeyring, type TestKeyring } from './test-keyring.js';

interface Env {
  s3: LocalS3;
  base: TestKeyring;
  client: S3Client;
  store: S3BlobStore;
  close(): Promise<void>;
}

async function makeEnv(opts: Partial<S3BlobStoreOptions> = {}): Promise<Env> {
  const s3 = await startLocalS3();
  const base = await openTestKeyring('atelier-s3blob-');
  const client = createS3Client(s3.config);
  const store = new S3BlobStore(client, base.keyring, { bucket: s3.config.bucket, ...opts });
  return {
    s3,
    base,
    client,
    store,
    async close() {
      client.destroy();
      await s3.close();
      await base.close();
    },
  };
}

// s3rver writes an object in place, so two PUTs of one key at once can interleave on its disk; S3 itself (and
// MinIO, Garage, R2) make each PUT visible whole. The racing-writers case is therefore skipped here.
const S3RVER = { atomicConcurrentPuts: false };

runBlobStoreContract('S3BlobStore (s3rver)', async () => {
  const env = await makeEnv();
  return { store: env.store, cleanup: () => env.close() };
}, S3RVER);

runBlobStoreContract('S3BlobStore (s3rver, 64-byte chunks)', async () => {
  const env = await makeEnv({ chunkSize: 64 });
  return { store: env.store, cleanup: () => env.close() };
}, S3RVER);

describe('S3BlobStore against a real S3 protocol server', () => {
  const A = 'user-a';
  const MiB = 1024 * 1024;
  let env: Env;
  /** Every request the store sent: its command, and the Range header of a GetObject. */
  let sent: Array<{ command: string; range?: string }>;
  const ranges = () => sent.filter((r) => r.command === 'GetObjectCommand').map((r) => r.range!);

  beforeEach(async () => {
    env = await makeEnv({ partSize: 5 * MiB, chunkSize: 64 * 1024 });
    sent = [];
    env.client.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push({ command: String(context.commandName), range: (args.input as { Range?: string }).Range });
        return next(args);
      },
      { step: 'initialize', name: 'recordRequests' },
    );
  });
  afterEach(async () => {
    await env.close();
  });

  const rawObject = async (key: string) => {
    const res = await env.client.send(new GetObjectCommand({ Bucket: env.store.bucket, Key: key }));
    return { bytes: Buffer.from(await res.Body!.transformToByteArray()), contentType: res.ContentType };
  };
  const bytesOf = (range: string) => {
    const [, a, b] = /^bytes=(\d+)-(\d+)$/.exec(range)!;
    return Number(b) - Number(a) + 1;
  };

  it('uploads a large streamed blob in parts, and reads it back whole', async () => {
    const data = crypto.randomBytes(12 * MiB + 123);
    const res = await env.store.put('u/user-a/big/original', Readable.from(slices(data, 1_000_003)), { userId: A });
    expect(res).toEqual({ size: data.length, sha256: sha256(data) });
    const head = await env.client.send(new HeadObjectCommand({ Bucket: env.store.bucket, Key: 'u/user-a/big/original' }));
    expect(head.ContentLength).toBe(encryptedSize(data.length, 64 * 1024));
    const commands = sent.map((r) => r.command);
    expect(commands.filter((c) => c === 'UploadPartCommand')).toHaveLength(3); // 5 + 5 + 2 MiB
    expect(commands).toContain('CompleteMultipartUploadCommand');
    expect(commands).not.toContain('PutObjectCommand');
    expect((await env.store.getBuffer('u/user-a/big/original', A)).equals(data)).toBe(true);
  });

  it('aborts a multipart upload whose source fails, and keeps the previous version', async () => {
    const key = 'u/user-a/big/failing';
    await env.store.put(key, Buffer.from('previous'), { userId: A });
    const failing = Readable.from(
      (async function* () {
        yield crypto.randomBytes(6 * MiB); // past the first part: the multipart upload has begun
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('client went away');
      })(),
    );
    await expect(env.store.put(key, failing, { userId: A })).rejects.toThrow('client went away');
    expect((await env.store.getBuffer(key, A)).toString()).toBe('previous');
  });

  it('rejects a streamed put when the bucket cannot be reached', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens on the port any more
    const unreachable = createS3Client({ ...env.s3.config, endpoint: `http://127.0.0.1:${port}` });
    const store = new S3BlobStore(unreachable, env.base.keyring, { bucket: env.store.bucket, partSize: 5 * MiB });
    const data = crypto.randomBytes(12 * MiB);
    await expect(store.put('u/user-a/lost/original', Readable.from(slices(data, 65_536)), { userId: A })).rejects.toThrow();
    unreachable.destroy();
  });

  it('fetches only the encrypted chunks a range needs, with ranged GETs', async () => {
    const data = crypto.randomBytes(6 * MiB);
    const key = 'u/user-a/ranged/original';
    await env.store.put(key, data, { userId: A });
    sent = [];
    const start = 3 * MiB + 100;
    const got = await collect(await env.store.get(key, A, { start, end: start + 9 }));
    expect(got.equals(data.subarray(start, start + 10))).toBe(true);
    // The head window, the tail window (last chunk, trailer), then the one sealed chunk holding the range.
    const stride = 64 * 1024 + TAG_BYTES;
    const chunk = Math.floor(start / (64 * 1024));
    expect(ranges()).toHaveLength(3);
    expect(ranges()[2]).toBe(`bytes=${HEADER_BYTES + chunk * stride}-${HEADER_BYTES + (chunk + 1) * stride - 1}`);
    expect(ranges().reduce((n, r) => n + bytesOf(r), 0)).toBeLessThan(MiB); // of a 6 MiB object
  });

  it('reads a whole image of the usual size (a thumbnail, a 3 MB original) with a single GET', async () => {
    for (const size of [40_000, 3_000_000]) {
      const data = crypto.randomBytes(size);
      await env.store.put(`u/user-a/whole/${size}`, data, { userId: A });
      sent = [];
      expect((await env.store.getBuffer(`u/user-a/whole/${size}`, A)).equals(data)).toBe(true);
      expect(ranges(), `${size} bytes`).toEqual(['bytes=0-4194303']);
    }
    sent = [];
    expect(await env.store.stat('u/user-a/whole/40000')).toMatchObject({ size: 40_000 });
    expect(ranges()).toHaveLength(1); // header and trailer of a small blob in one GET
  });

  it('stores only ciphertext in the bucket, and nothing about the image beside it', async () => {
    const pattern = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) & 0xff));
    const data = Buffer.concat(Array.from({ length: 300 }, () => pattern));
    await env.store.put('u/user-a/pattern/original', data, { userId: A, contentType: 'image/png' });
    const { bytes, contentType } = await rawObject('u/user-a/pattern/original');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('ATB1');
    expect(bytes.length).toBe(encryptedSize(data.length, 64 * 1024));
    expect(bytes.includes(pattern.subarray(0, 64))).toBe(false);
    expect(contentType).toBe('application/octet-stream');
  });

  it('deletes a prefix from the bucket listing: every object under it, nothing beside it', async () => {
    const gone = ['u/user-a', ...Array.from({ length: 30 }, (_, i) => `u/user-a/${i % 3 === 0 ? 'thumb' : `g${i}`}/x${i}`)];
    const kept = ['u/user-ab/x/original', 'u/user-b/x/original', 'u/user/a'];
    await Promise.all([...gone, ...kept].map((k) => env.store.put(k, Buffer.from(k), { userId: A })));
    await env.store.deletePrefix('u/user-a/');
    const listed = await env.client.send(new ListObjectsV2Command({ Bucket: env.store.bucket }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([...kept].sort());
  });
});

describe('createBlobStore', () => {
  it('uses the bucket when ATELIER_S3_BUCKET is set, and the data folder otherwise', async () => {
    const base = await openTestKeyring('atelier-choice-');
    try {
      const config = testConfig(base.dir);
      expect(createBlobStore(config, base.keyring)).toBeInstanceOf(FsBlobStore);
      const s3 = { bucket: 'atelier-blobs', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', forcePathStyle: true };
      const store = createBlobStore({ ...config, deployment: { ...config.deployment, s3 } }, base.keyring);
      expect(store).toBeInstanceOf(S3BlobStore);
      expect((store as S3BlobStore).bucket).toBe('atelier-blobs');
    } finally {
      await base.close();
    }
  });
});

function* slices(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
