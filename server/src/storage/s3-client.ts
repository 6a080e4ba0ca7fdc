import { S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../deployment-config.js';

/**
 * An S3 client for ATELIER_S3_*. Credentials come from the config when set, else from the SDK's own chain
 * (environment, profile, instance role). Checksums are only sent where the API requires them: self-hosted
 * S3-compatible servers often reject the SDK's newer default (streamed CRC trailers), and each encrypted chunk
 * carries its own authentication tag anyway.
 */
export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
