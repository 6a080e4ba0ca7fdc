/**
 * Platform overhead and throughput of generations.
 *
 * The real app runs in this process on a temp data folder (real SQLite file, real encrypted blob store) and listens
 * on 127.0.0.1:<random port>. The load comes from a separate process (load-clients.ts, forked here), so this
 * process's main thread does server work only: closed-loop clients (1, 10, 50 by default; one account each, signed
 * up over HTTP) send `POST /api/v1/generations {prompt, size: '64x64'}` over keep-alive HTTP and wait for the
 * generation to end.
 * Each level runs for a fixed time (1 s warm-up, then 6 s measured), once per worker concurrency (2, the default,
 * and 8) and per engine: `builtin` is the real procedural engine; `stub` replays one image that engine rendered, so
 * what is left is the platform alone: HTTP, auth, SQLite, the queue, provenance embedding, encryption and durable
 * blob writes. (At 64×64 the built-in engine still costs ~2.5–4 ms of CPU per image: its scene building and SVG
 * rendering do not shrink with the pixel count.)
 * Every app's data folder is kept until the end of the run, and the run starts only once creating a file is cheap:
 * see support/file-create-probe.ts (deleting thousands of files makes the next half minute's file creations 10–20×
 * dearer on this VM's file system).
 *
 * Completion is observed on the server's event bus (no polling traffic): every terminal status event is recorded
 * as it is published and passed to the load generator over its IPC channel (one small message per generation);
 * a client that gets its 202 after the end (it happens at 64×64) finds it already there.
 * The engine's own time is measured by wrapping the built-in engine's run(); the time spent inside its onImage
 * callback (storing the image: provenance XMP, encryption, blob write, SQL) is platform work and is subtracted.
 *
 *   npm run bench:platform -w bench
 *   npm run bench:platform -w bench -- --engine=builtin,stub --workers=2,8 --clients=1,10,50 --duration=6 --warmup=1
 *
 * Options: --workers (worker concurrency values, one fresh app each), --clients (concurrency levels),
 * --duration (measured seconds per level), --warmup (seconds per level not measured), --size (default 64x64),
 * --client http|fetch (node:http keep-alive agent, or Node's fetch), --micro=false (skip the isolated costs),
 * --render-threads (threads drawing the built-in engine's images; default as the server: one per core, at most 8),
 * --sql-shapes (print the statements per generation by shape), --sql-probe=false (no SQL counting: its wrappers cost
 * the main thread ~0.1 ms per generation), --profile=<folder> (CPU-profile the main thread during
 * each measured window, save the profiles there and print the time per generation by part of the stack),
 * --blob-writes=false (diagnostic: blob puts store nothing, to show what the durable image write costs).
 *
 * Benchmarks print numbers; nothing here asserts on them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { BuiltinEngine } from '../../server/src/engines/builtin/index.js';
import type { EngineContext, EngineImage, EngineJob, ImageEngine } from '../../server/src/engines/engine.js';
import { embedProvenance } from '../../server/src/media/index.js';
import type { GenerationEvent } from '../../server/src/modules/generations/events.js';
import { EmbeddedJobQueue } from '../../server/src/queue/embedded-queue.js';
import type { Services } from '../../server/src/services.js';
import type { PutResult } from '../../server/src/storage/blob-store.js';
import { benchTempDir, startBenchApp, folderBytes, type BenchApp } from '../support/app.js';
import { settleFileCreation } from '../support/file-create-probe.js';
import { Args } from '../support/args.js';
import { selfTimeByBucket, WindowProfiler, type CpuProfile } from '../support/cpuprofile.js';
import { FetchClient, HttpClient, signUpOverHttp, type BenchClient } from '../support/http-client.js';
import { signupLinkToken } from '../../server/src/test-support/signup.js';
import { fromWall, LoadGenerator } from './load-protocol.js';
import { CpuWindow, machineLine } from '../support/machine.js';
import { SqlProbe, type SqlTotals } from '../support/sql-probe.js';
import { ms, now, num, summarize, table } from '../support/stats.js';

const args = new Args();
const WORKERS = args.numbers('workers', [2, 8]);
const CLIENTS = args.numbers('clients', [1, 10, 50]);
const DURATION_S = args.number('duration', 6);
const WARMUP_S = args.number('warmup', 1);
const SIZE = args.string('size', '64x64');
const CLIENT_KIND = args.string('client', 'http');
const MICRO = args.flag('micro', true);
/** builtin: the real procedural engine; stub: replays one image it rendered, so only the platform's cost is left. */
const ENGINES = args.string('engine', 'builtin,stub').split(',').map((e) => e.trim()) as Array<'builtin' | 'stub'>;
const SQL_SHAPES = args.flag('sql-shapes', false);
/** Count and time SQL statements (the SQL columns). It wraps every statement call: --sql-probe=false measures without it. */
const SQL_PROBE = args.flag('sql-probe', true) || SQL_SHAPES;
/** Worker threads drawing the built-in engine's images (the server's default: one per core, at most 8; 0 = main thread). */
const RENDER_THREADS = args.number('render-threads', Math.min(8, os.availableParallelism()));
/** A folder: profile the main thread during each level's measured window, save the .cpuprofile there and summarise it. */
const PROFILE_DIR = args.string('profile', '');
/**
 * A diagnostic, not the product: --blob-writes=false answers every blob put at once without encrypting or writing
 * anything, to show what the durable write of each image costs the platform. Nothing can read those images back.
 */
const BLOB_WRITES = args.flag('blob-writes', true);
/** A generation not finished after this long counts as timed out (keeps the run bounded whatever happens). */
const GENERATION_TIMEOUT_MS = 30_000;

const PROMPTS = [
  'a red fox in the snow at dawn',
  'city skyline at night with neon lights',
  'watercolor mountains above a calm lake',
  'a field of sunflowers under a blue sky',
  'abstract shapes in warm colours',
  'a lighthouse on a cliff in a storm',
  'pine forest in the fog',
  'tropical beach with palm trees at sunset',
];

const TERMINAL = new Set(['succeeded', 'partial', 'failed', 'canceled']);

interface Done {
  t: number;
  status: string;
  error?: string;
}

/** Everything measured about generations, keyed by generation id; cleared per level. */
class Recorder {
  readonly done = new Map<string, Done>();
  /** Told of every final status as it is published (the load generator waits for it). */
  onFinal: ((id: string, d: Done) => void) | undefined;
  readonly acceptEnd = new Map<string, number>();
  readonly acceptServerMs = new Map<string, number>();
  readonly claimedAt = new Map<string, number>();
  readonly engineStart = new Map<string, number>();
  readonly engineEnd = new Map<string, number>();
  /** Engine wall time minus the time spent in its onImage/onOutputError callbacks. */
  readonly engineMs = new Map<string, number>();
  /** Time inside onImage: storing the image (provenance, encryption, blob write, SQL) and progress. */
  readonly storeMs = new Map<string, number>();
  putMs: number[] = [];

  clear(): void {
    for (const m of [this.done, this.acceptEnd, this.acceptServerMs, this.claimedAt, this.engineStart, this.engineEnd, this.engineMs, this.storeMs]) {
      m.clear();
    }
    this.putMs = [];
  }
}

interface Sample {
  id: string;
  tPost: number;
  t202: number;
  tDone: number;
  status: string;
}

interface LevelResult {
  engine: string;
  workers: number;
  clients: number;
  samples: Sample[];
  failures: Map<string, number>;
  firstError?: string;
  httpErrors: number;
  completedInWindow: number;
  windowS: number;
  cpuCores: number;
  /** Cores used by the server's main thread (the event loop) alone. */
  mainThreadCores: number | undefined;
  /** Seconds the main thread spent runnable but waiting for a core (Linux schedstat). */
  mainThreadWaitS: number | undefined;
  otherCores: number | undefined;
  /** Cores used by the load generator (its own process) during the window. */
  clientCores: number;
  elu: number;
  /** The server process's resident memory (MiB) when the measured window starts and ends. */
  rssMiB: { start: number; end: number };
  sql: SqlTotals;
  /** Main-thread self time (µs) per part of the stack during the window, with --profile. */
  profile?: Map<string, number>;
  rec: {
    acceptServer: number[];
    claimed: number[];
    engineStart: number[];
    engineEnd: number[];
    engine: number[];
    store: number[];
    put: number[];
    overhead: number[];
    /** Platform time of the work itself, queue wait left out: server accept + (done − claimed) − engine. */
    workOverhead: number[];
  };
}

const sqlProbe = new SqlProbe();
if (SQL_PROBE) sqlProbe.install();
const profiler = PROFILE_DIR ? new WindowProfiler() : undefined;

/** An image the real engine rendered once, replayed for every output: the engine then costs ~nothing. */
async function stubImage(): Promise<EngineImage> {
  const [width, height] = SIZE.split('x').map(Number) as [number, number];
  let image: EngineImage | undefined;
  await new BuiltinEngine().run(
    { generationId: 'stub', mode: 'generate', prompt: PROMPTS[0]!, width, height, seed: 7, count: 1, watermark: false, references: [], doneIndexes: new Set() },
    { signal: new AbortController().signal, onImage: async (img) => void (image = img), onOutputError: async () => undefined, onProgress: () => undefined },
  );
  if (!image) throw new Error('the built-in engine rendered nothing for the stub');
  return image;
}

/** Wraps the built-in engine, the queue's claim, the blob store and the event bus to time each phase. */
function instrument(services: Services, rec: Recorder, stub: EngineImage | undefined): void {
  const engine = services.engines.get('builtin');
  if (stub) {
    engine.run = async (job: EngineJob, ctx: EngineContext) => {
      for (let index = 0; index < job.count; index++) {
        if (!job.doneIndexes.has(index)) await ctx.onImage({ ...stub, index });
      }
      return { model: 'stub', usage: { images: job.count } };
    };
  }
  const run = engine.run.bind(engine);
  engine.run = async (job: EngineJob, ctx: EngineContext) => {
    let inCallbacks = 0;
    const timed = <A extends unknown[]>(fn: (...a: A) => Promise<void>) => async (...a: A) => {
      const t = now();
      try {
        await fn(...a);
      } finally {
        inCallbacks += now() - t;
      }
    };
    const wrapped: EngineContext = {
      signal: ctx.signal,
      onProgress: ctx.onProgress,
      onImage: timed((image: EngineImage) => ctx.onImage(image)),
      onOutputError: timed((e) => ctx.onOutputError(e)),
    };
    const t0 = now();
    rec.engineStart.set(job.generationId, t0);
    try {
      return await run(job, wrapped);
    } finally {
      const t1 = now();
      rec.engineEnd.set(job.generationId, t1);
      rec.engineMs.set(job.generationId, t1 - t0 - inCallbacks);
      rec.storeMs.set(job.generationId, inCallbacks);
    }
  };

  if (!(services.queue instanceof EmbeddedJobQueue)) throw new Error('expected the embedded job queue');
  const queue = services.queue;
  const claim = queue.claim.bind(queue);
  queue.claim = async () => {
    const claimed = await claim();
    if (claimed) rec.claimedAt.set(claimed.subject_id, now());
    return claimed;
  };

  const blobs = services.blobs;
  const put: typeof blobs.put = BLOB_WRITES ? blobs.put.bind(blobs) : skippedPut;
  blobs.put = async (...a: Parameters<typeof put>) => {
    const t = now();
    try {
      return await put(...a);
    } finally {
      rec.putMs.push(now() - t);
    }
  };

  const events = services.events;
  const publish = events.publish.bind(events);
  events.publish = (id: string, event: GenerationEvent) => {
    if (event.type === 'status' && TERMINAL.has(event.status)) {
      const d = { t: now(), status: event.status, error: event.error ? `${event.error.code}: ${event.error.message}` : undefined };
      rec.done.set(id, d);
      rec.onFinal?.(id, d);
    }
    publish(id, event);
  };
}

/** A put that stores nothing (--blob-writes=false): the size is right, the digest a placeholder. */
async function skippedPut(_key: string, data: Buffer | Readable): Promise<PutResult> {
  let size = 0;
  if (Buffer.isBuffer(data)) {
    size = data.length;
  } else {
    for await (const chunk of data) size += (chunk as Buffer).length;
  }
  return { size, sha256: '0'.repeat(64) };
}

/** Resolves when the generation reaches a final status: already recorded, or on its status event. */
function waitDone(services: Services, rec: Recorder, id: string): Promise<Done> {
  const already = rec.done.get(id);
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => {
    let settled = false;
    let unsubscribe = () => {};
    const settle = (done: Done) => {
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(done);
    };
    const timer = setTimeout(() => settle({ t: now(), status: 'timeout', error: `not finished after ${GENERATION_TIMEOUT_MS} ms` }), GENERATION_TIMEOUT_MS);
    void services.events.subscribe(id, (e) => {
      if (!settled && e.type === 'status' && TERMINAL.has(e.status)) settle(rec.done.get(id)!);
    }).then((stop) => (settled ? stop() : (unsubscribe = stop)));
  });
}

async function startApp(runDir: string, workers: number, rec: Recorder, stub: EngineImage | undefined): Promise<BenchApp> {
  return startBenchApp({
    // Kept until the end of the run: removing thousands of files would slow the next app's file creation.
    dataDir: fs.mkdtempSync(path.join(runDir, 'app-')),
    config: { workerConcurrency: workers, engines: { builtinRenderThreads: RENDER_THREADS } },
    afterServices: (services) => instrument(services, rec, stub),
    beforeReady: (app) => {
      app.addHook('onResponse', async (request, reply) => {
        if (request.method !== 'POST' || reply.statusCode !== 202) return;
        const location = reply.getHeader('location');
        if (typeof location !== 'string') return;
        const id = location.slice(location.lastIndexOf('/') + 1);
        rec.acceptEnd.set(id, now());
        rec.acceptServerMs.set(id, reply.elapsedTime);
      });
    },
  });
}

function makeClient(baseUrl: string, agent: http.Agent): BenchClient {
  return CLIENT_KIND === 'fetch' ? new FetchClient(baseUrl) : new HttpClient(baseUrl, agent);
}

async function runLevel(load: LoadGenerator, rec: Recorder, clients: number, workers: number, engine: string): Promise<LevelResult> {
  rec.clear();
  const t0 = now();
  const warmEnd = t0 + WARMUP_S * 1000;
  const deadline = warmEnd + DURATION_S * 1000;

  const cpuWindow = new CpuWindow();
  let elu0 = performance.eventLoopUtilization();
  let cpu: ReturnType<CpuWindow['read']> | undefined;
  let elu: ReturnType<typeof performance.eventLoopUtilization> | undefined;
  let sql: SqlTotals | undefined;
  const rssMiB = () => process.memoryUsage.rss() / 2 ** 20;
  let rssStart = rssMiB();
  let rssEnd: number | undefined;
  const startWindow = setTimeout(() => {
    rssStart = rssMiB();
    cpuWindow.restart();
    elu0 = performance.eventLoopUtilization();
    sqlProbe.reset();
    profiler?.start();
  }, WARMUP_S * 1000);
  let profiled: Promise<CpuProfile> | undefined;
  const endWindow = setTimeout(() => {
    cpu = cpuWindow.read();
    elu = performance.eventLoopUtilization(elu0);
    rssEnd = rssMiB();
    sql = sqlProbe.snapshot();
    if (profiler) profiled = profiler.stop();
  }, (WARMUP_S + DURATION_S) * 1000);

  const outcome = await load.level({
    clients, warmupMs: WARMUP_S * 1000, durationMs: DURATION_S * 1000, size: SIZE, prompts: PROMPTS, timeoutMs: GENERATION_TIMEOUT_MS,
  });
  const samples: Sample[] = outcome.samples.map((x) => ({ ...x, tPost: fromWall(x.tPost), t202: fromWall(x.t202), tDone: fromWall(x.tDone) }));
  const failures = new Map(outcome.failures);
  const { firstError, httpErrors } = outcome;
  clearTimeout(startWindow);
  clearTimeout(endWindow);
  const windowS = DURATION_S;
  cpu ??= cpuWindow.read();
  elu ??= performance.eventLoopUtilization(elu0);
  sql ??= sqlProbe.snapshot();
  let completedInWindow = 0;
  for (const d of rec.done.values()) if (d.t >= warmEnd && d.t < deadline) completedInWindow += 1;
  let profile: Map<string, number> | undefined;
  if (profiled) {
    const p = await profiled;
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `${engine}-workers${workers}-clients${clients}.cpuprofile`), JSON.stringify(p));
    profile = selfTimeByBucket(p);
  }

  const ok = samples.filter((s) => s.status === 'succeeded');
  const pick = (m: Map<string, number>, rel = true) =>
    ok.map((s) => (m.has(s.id) ? m.get(s.id)! - (rel ? s.tPost : 0) : NaN)).filter(Number.isFinite);
  return {
    engine,
    workers,
    clients,
    samples,
    failures,
    firstError,
    httpErrors,
    completedInWindow,
    windowS,
    cpuCores: cpu.selfCores,
    mainThreadCores: cpu.mainThreadCores,
    mainThreadWaitS: cpu.mainThreadWaitS,
    otherCores: cpu.otherCores === undefined ? undefined : Math.max(0, cpu.otherCores - outcome.clientCores),
    clientCores: outcome.clientCores,
    elu: elu.utilization,
    rssMiB: { start: rssStart, end: rssEnd ?? rssMiB() },
    sql,
    profile,
    rec: {
      acceptServer: pick(rec.acceptServerMs, false),
      claimed: pick(rec.claimedAt),
      engineStart: pick(rec.engineStart),
      engineEnd: pick(rec.engineEnd),
      engine: pick(rec.engineMs, false),
      store: pick(rec.storeMs, false),
      put: rec.putMs,
      overhead: ok.filter((s) => rec.engineMs.has(s.id)).map((s) => s.tDone - s.tPost - rec.engineMs.get(s.id)!),
      workOverhead: ok.filter((s) => rec.engineMs.has(s.id) && rec.claimedAt.has(s.id) && rec.acceptServerMs.has(s.id))
        .map((s) => rec.acceptServerMs.get(s.id)! + s.tDone - rec.claimedAt.get(s.id)! - rec.engineMs.get(s.id)!),
    },
  };
}

// ---- isolated costs -------------------------------------------------------------------------------------------

interface MicroRow {
  what: string;
  n: number;
  p50: number;
  p99: number;
}

async function timeIt(what: string, n: number, fn: (i: number) => Promise<unknown>): Promise<MicroRow> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(-1 - i); // warm-up
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = now();
    await fn(i);
    t.push(now() - t0);
  }
  const s = summarize(t);
  return { what, n, p50: s.p50, p99: s.p99 };
}

/** Each step of a generation's path measured alone, sequentially, on an idle app. */
async function microCosts(bench: BenchApp, rec: Recorder, client: BenchClient, userId: string): Promise<MicroRow[]> {
  const { services } = bench;
  const engine: ImageEngine = services.engines.get('builtin');
  const [w, h] = SIZE.split('x').map(Number) as [number, number];
  let image: EngineImage | undefined;
  const job = (i: number): EngineJob => ({
    generationId: `micro-${i}`, mode: 'generate', prompt: PROMPTS[Math.abs(i) % PROMPTS.length]!, width: w, height: h,
    seed: 1000 + i, count: 1, watermark: false, references: [], doneIndexes: new Set(),
  });
  const ctx: EngineContext = {
    signal: new AbortController().signal,
    onImage: async (img) => {
      image = img;
    },
    onOutputError: async () => undefined,
    onProgress: () => undefined,
  };
  const rows: MicroRow[] = [];
  rows.push(await timeIt(`builtin engine render ${SIZE} (no storage)`, 200, (i) => engine.run(job(i), ctx)));
  const img = image!;
  rows.push(await timeIt(`embedProvenance (XMP packet written into the container), ${img.mime} ${img.data.length} B`, 200, () =>
    embedProvenance(img.data, img.mime, { engine: 'builtin', createdAt: new Date() })));
  // Keys laid out like generated outputs: a few shard folders, created on first use.
  rows.push(await timeIt(`blobs.put ${img.data.length} B (encrypt, temp file, fsync, rename, fsync dir)`, 200, (i) =>
    services.blobs.put(`u/${userId}/micro/${(Math.abs(i) % 16).toString(16)}/${i < 0 ? `w${-i}` : i}-0`, img.data, { userId, contentType: img.mime })));

  // The same file dance without encryption, to separate the file system from the crypto.
  const dir = path.join(bench.dataDir, 'fsync-probe');
  fs.mkdirSync(dir, { recursive: true });
  rows.push(await timeIt(`raw fs: mkdir + write ${img.data.length} B + fsync + rename + fsync dir`, 200, async (i) => {
    const sub = path.join(dir, String(i));
    await fsp.mkdir(sub, { recursive: true });
    const tmp = path.join(sub, `.tmp-${crypto.randomBytes(6).toString('hex')}`);
    const fh = await fsp.open(tmp, 'wx', 0o600);
    await fh.write(img.data);
    await fh.sync();
    await fh.close();
    await fsp.rename(tmp, path.join(sub, '0.atb'));
    const d = await fsp.open(sub, 'r');
    await d.sync();
    await d.close();
  }));
  rows.push(await timeIt(`raw fs: same without the two fsyncs`, 200, async (i) => {
    const sub = path.join(dir, `n${i}`);
    await fsp.mkdir(sub, { recursive: true });
    const tmp = path.join(sub, `.tmp-${crypto.randomBytes(6).toString('hex')}`);
    const fh = await fsp.open(tmp, 'wx', 0o600);
    await fh.write(img.data);
    await fh.close();
    await fsp.rename(tmp, path.join(sub, '0.atb'));
  }));

  rows.push(await timeIt('HTTP GET /healthz (loopback + Fastify floor, no auth, no SQL)', 300, () => client.get('/healthz')));
  const created = await client.post('/api/v1/generations', { prompt: 'probe', size: SIZE });
  const gid = created.json<{ id: string }>().id;
  await waitDone(services, rec, gid);
  rows.push(await timeIt('HTTP GET /api/v1/generations/:id (auth: 2 queries, + 2 queries)', 300, () => client.get(`/api/v1/generations/${gid}`)));
  rows.push(await timeIt('SQL round trip through Kysely (select 1 row by primary key)', 500, () =>
    services.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()));
  rows.push(await timeIt('SQL write transaction through Kysely (begin, 1 update, commit)', 500, () =>
    services.db.transaction().execute((trx) => trx.updateTable('users').set({ updated_at: Date.now() }).where('id', '=', userId).execute())));
  return rows;
}

// ---- reporting ------------------------------------------------------------------------------------------------

function report(results: LevelResult[]): void {
  console.log('\n### Latency and throughput\n');
  console.log(table(
    ['engine', 'workers', 'clients', 'done', 'gen/s', 'accept p50', 'accept p95', 'accept p99', 'e2e p50', 'e2e p95', 'e2e p99',
      'engine p50', 'overhead p50', 'overhead p99', 'work overhead p50', 'failed'],
    results.map((r) => {
      const ok = r.samples.filter((s) => s.status === 'succeeded');
      const accept = summarize(ok.map((s) => s.t202 - s.tPost));
      const e2e = summarize(ok.map((s) => s.tDone - s.tPost));
      const engine = summarize(r.rec.engine);
      const overhead = summarize(r.rec.overhead);
      const work = summarize(r.rec.workOverhead);
      const failed = [...r.failures].map(([k, v]) => `${v} ${k}`).join(', ') + (r.httpErrors ? ` ${r.httpErrors} http` : '');
      return [r.engine, String(r.workers), String(r.clients), String(ok.length), num(r.completedInWindow / r.windowS, 0),
        ms(accept.p50), ms(accept.p95), ms(accept.p99), ms(e2e.p50), ms(e2e.p95), ms(e2e.p99),
        ms(engine.p50), ms(overhead.p50), ms(overhead.p99), ms(work.p50), failed || '0'];
    }),
  ));
  console.log('\nTimes in ms. accept = POST sent → 202 received; e2e = POST sent → final status published;');
  console.log('overhead = e2e − engine time (engine time excludes its onImage callback, which stores the image);');
  console.log('work overhead = server accept + (done − claimed) − engine: the platform\'s own processing, queue wait left out.');
  console.log('With closed-loop clients, e2e at 10 and 50 clients is mostly queue wait (≈ clients ÷ throughput).');

  console.log('\n### Where a generation\'s time goes (p50; the first columns are ms after the POST was sent)\n');
  console.log(table(
    ['engine', 'workers', 'clients', 'server accept', '202 recv', 'claimed', 'engine start', 'engine end', 'done', 'engine', 'store image',
      'blob put', 'SQL stmts/gen', 'SQL ms/gen', 'of which prepare', 'server cores', 'server CPU ms/gen', 'main CPU ms/gen', 'main wait ms/gen', 'main ELU', 'client cores', 'other procs', 'server RSS MiB'],
    results.map((r) => {
      const ok = r.samples.filter((s) => s.status === 'succeeded');
      const p50 = (v: number[]) => ms(summarize(v).p50);
      const gens = Math.max(1, r.completedInWindow);
      return [r.engine, String(r.workers), String(r.clients), p50(r.rec.acceptServer), p50(ok.map((s) => s.t202 - s.tPost)), p50(r.rec.claimed),
        p50(r.rec.engineStart), p50(r.rec.engineEnd), p50(ok.map((s) => s.tDone - s.tPost)), p50(r.rec.engine), p50(r.rec.store),
        p50(r.rec.put), ...(SQL_PROBE ? [num(r.sql.statements / gens, 1), ms((r.sql.execMs + r.sql.prepareMs) / gens), ms(r.sql.prepareMs / gens)] : ['–', '–', '–']),
        num(r.cpuCores, 2), ms(r.cpuCores * r.windowS * 1000 / gens),
        r.mainThreadCores === undefined ? '?' : ms(r.mainThreadCores * r.windowS * 1000 / gens),
        r.mainThreadWaitS === undefined ? '?' : ms(r.mainThreadWaitS * 1000 / gens), num(r.elu, 2), num(r.clientCores, 2), r.otherCores === undefined ? '?' : num(r.otherCores, 2),
        `${r.rssMiB.start.toFixed(0)} → ${r.rssMiB.end.toFixed(0)}`];
    }),
  ));
  console.log('\nserver accept = Fastify\'s own time for the POST; claimed = a worker took the job; store image = inside onImage');
  console.log('(provenance XMP + encryption + blob write + SQL + progress); SQL = time inside better-sqlite3 (prepare + step) per');
  console.log('generation completed in the window ("of which prepare" = statement compilation, ~0 once the statement cache is');
  console.log('warm); server cores = the server process\'s CPU time / wall time; server / main CPU ms/gen = CPU time of the');
  console.log('whole server process / of its main thread alone, per generation completed; main wait = time its main thread was');
  console.log('ready to run but waiting for a core (schedstat); main ELU = event-loop utilisation of its');
  console.log('main thread; client cores = the load generator\'s process; other procs = cores used by everything else meanwhile;');
  console.log('server RSS = the server process\'s resident memory when the measured window starts → ends (render threads included).');

  if (SQL_SHAPES) {
    for (const r of results) {
      const gens = Math.max(1, r.completedInWindow);
      console.log(`\n#### SQL per generation: ${r.engine}, workers ${r.workers}, clients ${r.clients}\n`);
      console.log(table(['statement', 'per gen', 'µs per gen'],
        [...r.sql.byShape].sort((a, b) => b[1].ms - a[1].ms)
          .map(([shape, v]) => [shape, num(v.n / gens, 2), num((v.ms * 1000) / gens, 0)])));
    }
  }
  const profiled = results.filter((r) => r.profile);
  if (profiled.length > 0) {
    console.log(`\n### Main-thread time per generation by part of the stack (µs, self time; profiles in ${PROFILE_DIR})\n`);
    const buckets = new Map<string, number>();
    for (const r of profiled) for (const [b, us] of r.profile!) if (b !== 'idle') buckets.set(b, (buckets.get(b) ?? 0) + us / Math.max(1, r.completedInWindow));
    const order = [...buckets].sort((a, b) => b[1] - a[1]).map(([b]) => b);
    const perGen = (r: LevelResult, b: string) => (r.profile!.get(b) ?? 0) / Math.max(1, r.completedInWindow);
    console.log(table(['part', ...profiled.map((r) => `${r.engine} w${r.workers} c${r.clients}`)], [
      ...order.map((b) => [b, ...profiled.map((r) => num(perGen(r, b), 0))]),
      ['total busy', ...profiled.map((r) => num(order.reduce((s, b) => s + perGen(r, b), 0), 0))],
      ['idle', ...profiled.map((r) => num(perGen(r, 'idle'), 0))],
    ]));
    console.log('\nOnly the main thread: work on libuv threads (fsync, file writes) and libvips threads (sharp) is not in it.');
  }
  for (const r of results) {
    if (r.firstError) console.log(`\n${r.engine}, workers ${r.workers}, clients ${r.clients}: first failure: ${r.firstError}`);
  }
}

// ---- main -------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = now();
  console.log(`# Platform throughput: ${SIZE} generations`);
  const runDir = benchTempDir('atelier-platform-');
  try {
    const createProbe = await settleFileCreation(runDir);
    console.log(`${machineLine()}; temp folder ${os.tmpdir()}; ${createProbe.line}`);
    await runAll(runDir, started);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

async function runAll(runDir: string, started: number): Promise<void> {
  console.log(`engines ${ENGINES.join(', ')}; workers ${WORKERS.join(', ')}; clients ${CLIENTS.join(', ')}; ` +
    `${WARMUP_S} s warm-up + ${DURATION_S} s measured per level; client ${CLIENT_KIND}; render threads ${RENDER_THREADS}` +
    (BLOB_WRITES ? '' : '; BLOB WRITES OFF (diagnostic: no image is stored)'));

  const results: LevelResult[] = [];
  let micro: MicroRow[] | undefined;
  const maxClients = Math.max(...CLIENTS);
  for (const engineKind of ENGINES) {
    const stub = engineKind === 'stub' ? await stubImage() : undefined;
    for (const workers of WORKERS) {
      const rec = new Recorder();
      const bench = await startApp(runDir, workers, rec, stub);
      const load = new LoadGenerator();
      rec.onFinal = (id, d) => load.finished(id, d.t, d.status, d.error);
      const agent = HttpClient.agent(2);
      try {
        await load.setup(bench.baseUrl, maxClients, CLIENT_KIND);
        if (MICRO && !micro && !stub) {
          // The isolated costs are sequential: their one client may share this process.
          const probe = makeClient(bench.baseUrl, agent);
          const userId = await signUpOverHttp(probe, `bench-micro-${crypto.randomUUID().slice(0, 8)}@example.test`, undefined,
            (email) => signupLinkToken(bench.services, email));
          micro = await microCosts(bench, rec, probe, userId);
        }
        for (const n of CLIENTS) {
          const r = await runLevel(load, rec, n, workers, engineKind);
          results.push(r);
          const ok = r.samples.filter((s) => s.status === 'succeeded');
          const e2e = summarize(ok.map((s) => s.tDone - s.tPost));
          console.log(`  ${engineKind}, workers ${workers}, clients ${n}: ${num(r.completedInWindow / r.windowS, 0)} gen/s, e2e p50 ${ms(e2e.p50)} ms` +
            `, load generator ${num(r.clientCores, 2)} cores` +
            (r.otherCores !== undefined ? `, other processes ${num(r.otherCores, 2)} cores` : '') +
            (r.failures.size || r.httpErrors ? ` (failures: ${r.firstError})` : ''));
        }
        console.log(`  data folder after ${engineKind}, workers=${workers}: ${num(folderBytes(bench.dataDir) / 2 ** 20, 1)} MiB`);
      } finally {
        load.close();
        agent.destroy();
        await bench.close();
      }
    }
  }

  if (micro) {
    console.log('\n### Isolated costs (sequential, idle app)\n');
    console.log(table(['step', 'n', 'p50 ms', 'p99 ms'], micro.map((m) => [m.what, String(m.n), ms(m.p50), ms(m.p99)])));
  }
  report(results);
  console.log(`\nTarget: ≤ 5 ms p50 platform overhead and ≥ 300 generations/s. Load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ` +
    `total run ${num((now() - started) / 1000, 0)} s.`);
}

await main();
