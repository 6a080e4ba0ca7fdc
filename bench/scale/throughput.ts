/**
 * Generation throughput of the scaled-out deployment against the embedded default, same machine, same run.
 *
 * - embedded: one `atelier serve` process (SQLite, local blobs, in-process queue and workers).
 * - scaled: one `atelier serve` with ATELIER_RUN_WORKERS=false and two `atelier worker` processes, on PostgreSQL
 *   (a fresh database), BullMQ and pub/sub on Redis (a fresh prefix); blobs on the local disk of the shared data
 *   folder unless --s3 (then an s3rver bucket on 127.0.0.1, which is itself one Node process).
 *
 * Both run the built server (server/dist, as `npm start` makes it) with the same worker concurrency per process.
 * Closed-loop clients each sign up, then repeatedly submit `POST /api/v1/generations {size: 64x64}` and follow the
 * generation's event stream to its end. After a warm-up, completions and latencies (accept → final event) are
 * counted for a fixed time.
 *
 *   npm run build -w engines/builtin && npm run build -w server && ATELIER_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:scale -w bench
 *   … -- --clients=16 --duration=10 --warmup=2 --concurrency=4 --s3
 *
 * Benchmarks print numbers; nothing here asserts on them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../../e2e/support/api-client.js';
import { startScaleBackends, type ScaleBackends } from '../../e2e/support/scale-backends.js';
import { startServer, startWorker, type RunningServer } from '../../e2e/support/server-process.js';
import { readEvents } from '../../e2e/support/sse.js';
import { signupTokenIn } from '../../server/src/test-support/signup.js';
import { Args } from '../support/args.js';
import { machineLine } from '../support/machine.js';
import { summarize } from '../support/stats.js';

const args = new Args();
const CLIENTS = args.number('clients', 16);
const DURATION_S = args.number('duration', 10);
const WARMUP_S = args.number('warmup', 2);
const CONCURRENCY = args.number('concurrency', 4);
const WITH_S3 = args.flag('s3');

interface Deployment {
  name: string;
  api: RunningServer;
  processes: RunningServer[];
  close(): Promise<void>;
}

async function embedded(): Promise<Deployment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-embedded-'));
  const api = await startServer({ ATELIER_DATA_DIR: dataDir, ATELIER_WORKER_CONCURRENCY: String(CONCURRENCY), ATELIER_RENDER_THREADS: '1' });
  return {
    name: `embedded: 1 process (SQLite, local disk, in-process queue), concurrency ${CONCURRENCY}`,
    api,
    processes: [api],
    async close() {
      await api.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function scaled(): Promise<Deployment> {
  const backends: ScaleBackends = await startScaleBackends();
  const env = { ...backends.env, ATELIER_WORKER_CONCURRENCY: String(CONCURRENCY), ATELIER_RENDER_THREADS: '1' };
  if (!WITH_S3) for (const name of Object.keys(env)) if (name.startsWith('ATELIER_S3_')) delete (env as Record<string, string>)[name];
  const api = await startServer({ ...env, ATELIER_RUN_WORKERS: 'false' });
  const workers = [await startWorker(env), await startWorker(env)];
  return {
    name: `scaled: 1 API + 2 worker processes (PostgreSQL, BullMQ/Redis, ${WITH_S3 ? 's3rver bucket' : 'local disk'}), concurrency ${CONCURRENCY} each`,
    api,
    processes: [api, ...workers],
    async close() {
      await Promise.all([api, ...workers].map((p) => p.kill()));
      await backends.close();
    },
  };
}

async function signedUp(api: ApiClient, i: number, admin?: ApiClient): Promise<ApiClient> {
  const email = `bench${i}@example.test`;
  const password = 'a fine long password';
  let res = await api.post('/api/v1/auth/signup', { email, password, name: `Bench ${i}` });
  for (let tries = 0; res.status === 202 && admin && tries < 200; tries++) {
    const token = signupTokenIn((await admin.get('/api/v1/admin/outbox?limit=500')).json.items, email);
    if (token) res = await api.post('/api/v1/auth/signup/confirm', { token, password });
    else await new Promise((r) => setTimeout(r, 50)); // written just after the sign-up's answer
  }
  if (res.status !== 201) throw new Error(`signup failed: ${res.status}`);
  return api;
}

async function load(d: Deployment): Promise<{ perSecond: number; latencies: number[] }> {
  // The first client is the administrator (first run); the others follow the links their sign-ups emailed (ADR 0026).
  const admin = await signedUp(new ApiClient(d.api.url), 0);
  const clients = [admin, ...(await Promise.all(Array.from({ length: CLIENTS - 1 }, (_, i) => signedUp(new ApiClient(d.api.url), i + 1, admin))))];
  const start = Date.now();
  const measureFrom = start + WARMUP_S * 1000;
  const stopAt = measureFrom + DURATION_S * 1000;
  const latencies: number[] = [];
  await Promise.all(clients.map(async (api, i) => {
    for (let n = 0; Date.now() < stopAt; n++) {
      const t0 = Date.now();
      const res = await api.post('/api/v1/generations', { prompt: `a quiet harbour, study ${i}-${n}`, size: '64x64' });
      if (res.status !== 202) throw new Error(`generation refused: ${res.status} ${JSON.stringify(res.json)}`);
      let final = '';
      await readEvents(`${d.api.url}/api/v1/generations/${res.json.id}/events`, api.cookieHeader(), (event, payload) => {
        if (event === 'generation') final = payload.status;
      });
      if (final !== 'succeeded') throw new Error(`generation ended ${final}`);
      const t1 = Date.now();
      if (t0 >= measureFrom && t1 <= stopAt) latencies.push(t1 - t0);
    }
  }));
  return { perSecond: latencies.length / DURATION_S, latencies };
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`${CLIENTS} closed-loop clients, ${WARMUP_S} s warm-up, ${DURATION_S} s measured, 64x64 built-in engine, one image each\n`);
  console.log('| deployment | generations/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|');
  for (const start of [embedded, scaled]) {
    const d = await start();
    try {
      const { perSecond, latencies } = await load(d);
      const s = summarize(latencies);
      console.log(`| ${d.name} | ${perSecond.toFixed(1)} | ${s.p50.toFixed(0)} | ${s.p99.toFixed(0)} |`);
    } finally {
      await d.close();
    }
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
