import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startLocalS3, type LocalS3 } from '../../server/src/test-support/s3-server.js';

export const TEST_DATABASE_URL = process.env.ATELIER_TEST_DATABASE_URL;
const REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The back-ends of a scaled-out Atelier, made for one test: a new PostgreSQL database, a Redis prefix, an S3 bucket. */
export interface ScaleBackends {
  /** The environment every api and worker process gets. */
  env: Record<string, string>;
  databaseUrl: string;
  s3: LocalS3;
  close(): Promise<void>;
}

export async function startScaleBackends(): Promise<ScaleBackends> {
  if (!TEST_DATABASE_URL) throw new Error('ATELIER_TEST_DATABASE_URL is not set');
  const token = crypto.randomBytes(5).toString('hex');
  const database = `atelier_e2e_${token}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  const s3 = await startLocalS3();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-scale-'));
  const prefix = `atelier-e2e-${token}`;
  return {
    databaseUrl: url.toString(),
    s3,
    env: {
      ATELIER_DATA_DIR: dataDir,
      ATELIER_MASTER_KEY: crypto.randomBytes(32).toString('hex'),
      ATELIER_DATABASE_URL: url.toString(),
      ATELIER_REDIS_URL: REDIS_URL,
      ATELIER_REDIS_PREFIX: prefix,
      ATELIER_S3_BUCKET: s3.config.bucket,
      ATELIER_S3_ENDPOINT: s3.config.endpoint!,
      ATELIER_S3_REGION: s3.config.region,
      ATELIER_S3_ACCESS_KEY_ID: s3.config.accessKeyId!,
      ATELIER_S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey!,
      ATELIER_S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      await s3.close();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
