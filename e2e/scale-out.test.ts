import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startScaleBackends, TEST_DATABASE_URL, type ScaleBackends } from './support/scale-backends.js';
import { startServer, startWorker, type RunningServer } from './support/server-process.js';
import { readEvents } from './support/sse.js';

const GENERATIONS = 100;

let backends: ScaleBackends | undefined;
const processes: RunningServer[] = [];

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill('SIGKILL')));
  await backends?.close();
});

interface Followed {
  statuses: string[];
  final?: { status: string; outputs: Array<{ asset?: { id: string } }> };
}

describe.skipIf(!TEST_DATABASE_URL)('Atelier scaled out: PostgreSQL, Redis, S3, two API and two worker processes', () => {
  it('finishes every generation exactly once through a worker crash, and a client on the other API sees every end', async () => {
    backends = await startScaleBackends();
    // One person submits and follows all of them at once: the per-user request and stream limits are lifted.
    const shared = {
      ...backends.env, ATELIER_JOB_LEASE_MS: '2000', ATELIER_WORKER_CONCURRENCY: '3',
      ATELIER_RATE_LIMIT_GENERATIONS: '0', ATELIER_MAX_STREAMS_PER_USER: String(GENERATIONS),
    };
    const api1 = await startServer({ ...shared, ATELIER_RUN_WORKERS: 'false' });
    processes.push(api1);
    const api2 = await startServer({ ...shared, ATELIER_RUN_WORKERS: 'false' });
    processes.push(api2);
    const workers = [await startWorker(shared), await startWorker(shared)];
    processes.push(...workers);

    const submitter = new ApiClient(api1.url);
    const signup = await submitter.post('/api/v1/auth/signup', { email: 'scale@example.test', password: 'a fine long password', name: 'Scale' });
    expect(signup.status).toBe(201);
    const follower = new ApiClient(api2.url);
    expect((await follower.post('/api/v1/auth/login', { email: 'scale@example.test', password: 'a fine long password' })).status).toBe(200);

    const followed = new Map<string, Followed>();
    const streams: Promise<void>[] = [];
    for (let i = 0; i < GENERATIONS; i++) {
      const res = await submitter.post('/api/v1/generations', { prompt: `a lighthouse on a cliff, study ${i}`, size: '256x256', count: 1 });
      expect(res.status).toBe(202);
      const id = res.json.id as string;
      const seen: Followed = { statuses: [] };
      followed.set(id, seen);
      streams.push(readEvents(`${api2.url}/api/v1/generations/${id}/events`, follower.cookieHeader(), (event, payload) => {
        if (event === 'status') seen.statuses.push(payload.status);
        if (event === 'generation') seen.final = payload;
      }));
    }

    // A worker dies in the middle of the run, holding jobs, without any chance to hand them back.
    const redis = new Redis(backends.env.ATELIER_REDIS_URL!, { maxRetriesPerRequest: null });
    const jobs = new Queue('jobs', { connection: redis, prefix: backends.env.ATELIER_REDIS_PREFIX });
    const ended = () => [...followed.values()].filter((f) => f.final && f.final.status !== 'queued' && f.final.status !== 'running').length;
    const victimPid = workers[0]!.child.pid!;
    let held: string[] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (ended() >= GENERATIONS / 10) {
        // Frozen first, so that the jobs it is seen holding cannot end before it dies.
        process.kill(victimPid, 'SIGSTOP');
        held = (await jobs.getActive()).filter((j) => j.processedBy?.startsWith(`w-${victimPid}-`)).map((j) => j.id!);
        if (held.length > 0) break;
        process.kill(victimPid, 'SIGCONT');
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await workers[0]!.kill('SIGKILL');
    expect(held.length).toBeGreaterThan(0);

    const open = async () => {
      const ids = [...followed].filter(([, f]) => !f.final || f.final.status === 'queued' || f.final.status === 'running').map(([id]) => id);
      const stored = await Promise.all(ids.map(async (id) => `${id}: ${(await follower.get(`/api/v1/generations/${id}`)).json?.status}`));
      return stored.join(', ');
    };
    await Promise.race([Promise.all(streams), new Promise((_, reject) => setTimeout(() => void open().then((left) => reject(new Error(
      `streams still open after 120 s: ${left}\n${workers[1]!.output()}`))), 120_000))]);

    // The jobs the dead worker held were taken again by the other one.
    for (const id of held) expect((await jobs.getJob(id))?.attemptsStarted, id).toBeGreaterThanOrEqual(2);
    await jobs.close();
    redis.disconnect();

    // The follower on API 2 saw every generation end, and each ended once, successfully.
    for (const [id, f] of followed) {
      expect(f.final?.status, id).toBe('succeeded');
      expect(f.statuses.filter((s) => s === 'succeeded').length, id).toBeLessThanOrEqual(1);
    }

    // Exactly one stored image per generation: a job run twice would have stored a second copy or failed on one.
    const db = new pg.Client({ connectionString: backends.databaseUrl });
    await db.connect();
    try {
      const rows = (await db.query<{ generation_id: string; n: string }>(
        'select generation_id, count(*) as n from assets group by generation_id')).rows;
      expect(rows).toHaveLength(GENERATIONS);
      for (const row of rows) expect(Number(row.n)).toBe(1);
      const statuses = (await db.query<{ status: string; n: string }>('select status, count(*) as n from generations group by status')).rows;
      expect(statuses.map((r) => [r.status, Number(r.n)])).toEqual([['succeeded', GENERATIONS]]);

      // Every output is in the bucket, and what the bucket holds is ciphertext.
      const blobKeys = (await db.query<{ blob_key: string }>('select blob_key from assets')).rows.map((r) => r.blob_key);
      const { config: bucket } = backends.s3;
      const s3 = new S3Client({
        endpoint: bucket.endpoint, region: bucket.region, forcePathStyle: true,
        credentials: { accessKeyId: bucket.accessKeyId!, secretAccessKey: bucket.secretAccessKey! },
      });
      const listed = new Set<string>();
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket.bucket, ContinuationToken: token }));
        for (const o of page.Contents ?? []) listed.add(o.Key!);
        token = page.NextContinuationToken;
      } while (token);
      for (const key of blobKeys) expect([...listed].some((k) => k === key || k.endsWith(`/${key}`)), key).toBe(true);
      // The image a person downloads (through the other API) is nowhere in the bucket as it is: the bucket holds ciphertext.
      const asset = (await db.query<{ id: string; blob_key: string; mime: string }>('select id, blob_key, mime from assets limit 1')).rows[0]!;
      const download = await follower.get(`/api/v1/assets/${asset.id}/content`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(asset.mime);
      const objectKey = [...listed].find((k) => k === asset.blob_key || k.endsWith(`/${asset.blob_key}`))!;
      const stored = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket.bucket, Key: objectKey }))).Body!.transformToByteArray());
      expect(stored.length).toBeGreaterThan(download.bytes.length);
      expect(stored.includes(download.bytes.subarray(0, 16))).toBe(false);
      expect(stored.includes(download.bytes.subarray(download.bytes.length - 16))).toBe(false);
      s3.destroy();
    } finally {
      await db.end();
    }

  });
});
