import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('deployment configuration', () => {
  it('is the embedded default when nothing is set', () => {
    expect(loadConfig({}).deployment).toEqual({ databaseUrl: undefined, databasePoolSize: 10, redisUrl: undefined, redisPrefix: 'atelier', s3: undefined });
  });

  it('reads PostgreSQL, Redis and S3 settings', () => {
    const { deployment } = loadConfig({
      ATELIER_DATABASE_URL: 'postgres://atelier@db:5432/atelier', ATELIER_DATABASE_POOL_SIZE: '25',
      ATELIER_REDIS_URL: 'rediss://cache:6380', ATELIER_REDIS_PREFIX: 'studio-2',
      ATELIER_S3_BUCKET: 'atelier-images', ATELIER_S3_ENDPOINT: 'http://minio:9000',
      ATELIER_S3_ACCESS_KEY_ID: 'id', ATELIER_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(deployment).toEqual({
      databaseUrl: 'postgres://atelier@db:5432/atelier', databasePoolSize: 25, redisUrl: 'rediss://cache:6380', redisPrefix: 'studio-2',
      s3: { bucket: 'atelier-images', endpoint: 'http://minio:9000', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret', forcePathStyle: true },
    });
  });

  it('reports every bad value on its own line', () => {
    expect(problems({
      ATELIER_DATABASE_URL: 'mysql://db/atelier', ATELIER_DATABASE_POOL_SIZE: '0', ATELIER_REDIS_URL: 'localhost:6379',
      ATELIER_REDIS_PREFIX: 'has space', ATELIER_S3_BUCKET: 'Upper_Case', ATELIER_S3_ENDPOINT: 'minio:9000', ATELIER_S3_ACCESS_KEY_ID: 'id',
    })).toEqual([
      'ATELIER_DATABASE_URL must be a postgres:// (or postgresql://) URL; leave it unset for the built-in SQLite database',
      'ATELIER_REDIS_URL must be a redis:// (or rediss://) URL; leave it unset for the built-in job queue',
      'ATELIER_REDIS_PREFIX="has space" must be 1 to 64 letters, digits, \'.\', \'-\' or \'_\'',
      'ATELIER_DATABASE_POOL_SIZE="0" must be a whole number from 1 to 1000',
      'ATELIER_S3_BUCKET="Upper_Case" must be a bucket name: 3 to 63 lower-case letters, digits, \'.\' or \'-\'',
      'ATELIER_S3_ENDPOINT must be an http:// or https:// URL',
      'ATELIER_S3_ACCESS_KEY_ID and ATELIER_S3_SECRET_ACCESS_KEY must be set together (or both left to the SDK\'s own credential chain)',
    ]);
    expect(problems({ ATELIER_S3_ENDPOINT: 'http://minio:9000' })).toEqual(['ATELIER_S3_BUCKET must be set when any other ATELIER_S3_ variable is']);
  });
});
