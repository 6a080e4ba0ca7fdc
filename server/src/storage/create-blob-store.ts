import type { Config } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import type { Keyring } from './keyring.js';
import { S3BlobStore } from './s3-blob-store.js';
import { createS3Client } from './s3-client.js';

/** The S3 bucket when ATELIER_S3_BUCKET is set, else the blob folder of the data directory. */
export function createBlobStore(config: Pick<Config, 'blobDir' | 'deployment'>, keyring: Keyring): BlobStore {
  const s3 = config.deployment.s3;
  if (s3) return new S3BlobStore(createS3Client(s3), keyring, { bucket: s3.bucket });
  return new FsBlobStore(config.blobDir, keyring);
}
