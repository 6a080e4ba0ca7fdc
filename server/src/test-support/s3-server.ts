import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { tempDir } from './temp-dir.js';

/** A real S3 protocol server (s3rver) on 127.0.0.1, with one bucket, for tests and benchmarks. */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

export async function startS3Server(bucket = 'atelier-test'): Promise<S3TestServer> {
  const directory = tempDir('atelier-s3-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's fixed credentials: it checks signatures made with them.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
