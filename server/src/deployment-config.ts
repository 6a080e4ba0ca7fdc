import type { EnvReader } from './config.js';
import { DEFAULT_POOL_SIZE } from './db/postgres.js';

/** Where an S3-compatible bucket is and how to reach it (ATELIER_S3_*). */
export interface S3Config {
  bucket: string;
  /** Endpoint of a non-AWS server (MinIO, Garage, R2, s3rver…); unset for AWS itself. */
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Address buckets as `endpoint/bucket` rather than `bucket.endpoint` (most self-hosted servers need it). */
  forcePathStyle: boolean;
}

/**
 * The back-ends of the scaled-out deployment. Each is off when unset, and the embedded default is what remains:
 * SQLite in the data folder, blobs on the local disk, the job queue in the database, events in-process.
 */
export interface DeploymentConfig {
  /** `postgres://…`: PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
  /** Connections each process keeps open to PostgreSQL at most (ATELIER_DATABASE_POOL_SIZE). */
  databasePoolSize?: number;
  /** `redis://…`: BullMQ for jobs and Redis pub/sub for live events. */
  redisUrl?: string;
  /** Prefix of every Redis key and channel of this installation (two installations can share one Redis). */
  redisPrefix: string;
  s3?: S3Config;
}

export function loadDeploymentConfig(r: EnvReader): DeploymentConfig {
  const databaseUrl = r.optional('ATELIER_DATABASE_URL');
  if (databaseUrl !== undefined && !hasScheme(databaseUrl, ['postgres:', 'postgresql:'])) {
    r.problems.push('ATELIER_DATABASE_URL must be a postgres:// (or postgresql://) URL; leave it unset for the built-in SQLite database');
  }
  const redisUrl = r.optional('ATELIER_REDIS_URL');
  if (redisUrl !== undefined && !hasScheme(redisUrl, ['redis:', 'rediss:'])) {
    r.problems.push('ATELIER_REDIS_URL must be a redis:// (or rediss://) URL; leave it unset for the built-in job queue');
  }
  const redisPrefix = r.string('ATELIER_REDIS_PREFIX', 'atelier');
  if (!/^[\w.-]{1,64}$/.test(redisPrefix)) {
    r.problems.push(`ATELIER_REDIS_PREFIX=${JSON.stringify(redisPrefix)} must be 1 to 64 letters, digits, '.', '-' or '_'`);
  }
  const databasePoolSize = r.int('ATELIER_DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 1, 1000);
  return { databaseUrl, databasePoolSize, redisUrl, redisPrefix, s3: loadS3Config(r) };
}

function loadS3Config(r: EnvReader): S3Config | undefined {
  const bucket = r.optional('ATELIER_S3_BUCKET');
  const endpoint = r.optional('ATELIER_S3_ENDPOINT');
  const accessKeyId = r.optional('ATELIER_S3_ACCESS_KEY_ID');
  const secretAccessKey = r.optional('ATELIER_S3_SECRET_ACCESS_KEY');
  const region = r.string('ATELIER_S3_REGION', 'us-east-1');
  const forcePathStyle = r.bool('ATELIER_S3_FORCE_PATH_STYLE', endpoint !== undefined);
  if (bucket === undefined) {
    if (endpoint || accessKeyId || secretAccessKey) r.problems.push('ATELIER_S3_BUCKET must be set when any other ATELIER_S3_ variable is');
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    r.problems.push(`ATELIER_S3_BUCKET=${JSON.stringify(bucket)} must be a bucket name: 3 to 63 lower-case letters, digits, '.' or '-'`);
  }
  if (endpoint !== undefined && !hasScheme(endpoint, ['http:', 'https:'])) {
    r.problems.push('ATELIER_S3_ENDPOINT must be an http:// or https:// URL');
  }
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    r.problems.push('ATELIER_S3_ACCESS_KEY_ID and ATELIER_S3_SECRET_ACCESS_KEY must be set together (or both left to the SDK\'s own credential chain)');
  }
  return { bucket, endpoint, region, accessKeyId, secretAccessKey, forcePathStyle };
}

function hasScheme(text: string, schemes: string[]): boolean {
  try {
    return schemes.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
