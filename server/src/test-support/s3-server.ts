import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import type { S3Config } from '../deployment-config.js';
import { tempDir } from './temp-dir.js';

/** s3rver's fixed credentials: it checks request signatures against these. */
const ACCESS_KEY = 'S3RVER';

export interface LocalS3 {
  /** What ATELIER_S3_* would hold to reach it. */
  config: S3Config;
  /** Folder where s3rver keeps the bucket's objects (to look at what the bucket holds). */
  directory: string;
  close(): Promise<void>;
}

/**
 * A real S3 protocol server (s3rver) on 127.0.0.1, port 0, over a fresh temp folder, with one empty bucket.
 * For tests and benchmarks: the SDK talks HTTP to it exactly as to any S3-compatible service.
 */
export async function startLocalS3(bucket = 'atelier-test'): Promise<LocalS3> {
  const directory = tempDir('atelier-s3-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as AddressInfo;
  return {
    config: {
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: ACCESS_KEY,
      secretAccessKey: ACCESS_KEY,
      forcePathStyle: true,
    },
    directory,
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
