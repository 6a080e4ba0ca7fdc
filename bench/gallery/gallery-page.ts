/**
 * Gallery page of 50 at 10k, 100k and 1M assets.
 *
 * A data folder is built with the real services (workers off). One benchmark user plus three other users are
 * signed up through the auth service, then asset rows are bulk-inserted straight into the app's database (one
 * transaction per 50k rows; see fixture-store.ts): valid columns, fake blob keys (a gallery page
 * never reads blobs), created_at spread over three years, sets of 1-4 outputs sharing a generation (some in the same
 * millisecond, so the id tie-break matters), ~12% uploads / 18% edits, 3% favorites, 2% trashed, 15% tagged
 * (Zipf-like tag use) and 10% of the rows belonging to the other users.
 *
 * The table grows 10k → 100k → 1M (each step adds rows); at each size GET /api/v1/assets?limit=50 goes through the
 * whole HTTP stack (Fastify inject by default: routing, auth hook, validation, serialisation; --transport=http for
 * real loopback sockets): the first page, 20-page walks along nextCursor, jumps to random cursors anywhere in the
 * set, the kind and favorite filters (first page and deep cursors), and a common and a rare tag.
 *
 *   npm run bench:gallery -w bench
 *   npm run bench:gallery -w bench -- --sizes=10000,100000,1000000 --samples=300 --transport=inject --explain
 *   npm run bench:gallery -w bench -- --postgres=postgres://postgres@127.0.0.1:5432/postgres
 *
 * With --postgres the app runs on PostgreSQL: a database is created on that server for the run and dropped after.
 *
 * The temp folder (about 1 GB at 1M rows) is deleted at the end. Benchmarks print numbers; nothing here asserts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { adminQuery, databaseUrl, quoteIdent } from '../../server/src/db/postgres-admin.js';
import type { AssetListFilter } from '../../server/src/modules/assets/repository.js';
import { AssetRepository } from '../../server/src/modules/assets/repository.js';
import { blobKeys } from '../../server/src/modules/assets/service.js';
import { encodeCursor, type Keyset } from '../../server/src/lib/cursor.js';
import { COUNT_CAP, type ListTotal } from '../../server/src/db/bounded-count.js';
import { Rng } from '@atelier/engine-builtin';
import { signUpAccount } from '../../server/src/test-support/signup.js';
import { startBenchApp, type BenchApp } from '../support/app.js';
import { Args } from '../support/args.js';
import { HttpClient } from '../support/http-client.js';
import { PerformanceObserver } from 'node:perf_hooks';
import { CpuWindow, machineLine } from '../support/machine.js';
import { PostgresFixtures, SqliteFixtures, type AssetRow, type FixtureStore, type TagRow } from './fixture-store.js';
import { ms, now, num, summarize, table } from '../support/stats.js';

const args = new Args();
const SIZES = args.numbers('sizes', [10_000, 100_000, 1_000_000]).sort((a, b) => a - b);
const SAMPLES = args.number('samples', 300);
const WARMUP = args.number('warmup', 30);
const TRANSPORT = args.string('transport', 'inject');
const EXPLAIN = args.flag('explain', true);
/** Experiment: give the app's SQLite connection this page cache (MiB) instead of openSqlite's 64 MiB. */
const CACHE_MB = args.number('sqlite-cache-mb', 0);
/** A PostgreSQL server (a role that may create databases): the app runs on a database of its own there. */
const POSTGRES = args.string('postgres', '');
const BATCH = 50_000;
const PAGE = 50;

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Per main-user asset: about 4,400 and 5,600 members at 1M assets (the main user has ~882k live). */
const EDGE_BELOW = 4400 / 882_000;
const EDGE_ABOVE = 5600 / 882_000;

// ---- data -------------------------------------------------------------------------------------------------------

const SUBJECTS = ['fox', 'lighthouse', 'city skyline', 'mountain lake', 'sunflower field', 'forest', 'desert', 'harbour', 'cat', 'castle',
  'waterfall', 'robot', 'garden', 'bridge', 'glacier', 'market', 'owl', 'canyon', 'island', 'train station'];
const MOODS = ['at dawn', 'at night', 'in the fog', 'in the snow', 'at sunset', 'under a storm', 'in spring', 'in watercolor', 'in neon', 'in autumn'];
const STYLES = ['watercolor', 'flat', 'pastel', 'film', 'low-poly', 'ink', 'retro'];
const TAGS = ['favourites', 'landscape', 'portrait', 'wip', 'client', 'print', 'sky', 'city', 'animals', 'night', 'blue', 'red', 'summer',
  'winter', 'series-a', 'series-b', 'draft', 'final', 'social', 'moodboard', 'texture', 'pattern', 'poster', 'cover', 'banner', 'icon',
  'study', 'sketch', 'reference', 'archive', 'travel', 'family', 'work', 'ideas', 'colour', 'mono', 'abstract', 'nature', 'people', 'rare-tag'];
const SIZES_PX: Array<[number, number]> = [[1024, 1024], [1536, 1024], [1024, 1536], [2048, 2048], [1344, 768]];
const MIMES = ['image/jpeg', 'image/jpeg', 'image/jpeg', 'image/png', 'image/png', 'image/webp'];

interface Users {
  main: string;
  others: string[];
}

interface BuildStats {
  rows: number;
  tags: number;
  seconds: number;
}

/** Appends `count` asset rows (and their tags) in transactions of BATCH rows. */
async function insertAssets(store: FixtureStore, users: Users, count: number, random: () => number, tEnd: number): Promise<BuildStats> {
  const tStart = tEnd - 3 * YEAR_MS;
  // Zipf-like: tag k is used about 1/(k+1) as often as the first; the last one ('rare-tag') is rare indeed.
  const weights = TAGS.map((_, k) => (k === TAGS.length - 1 ? 0.02 : 1 / (k + 1)));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const pickTag = () => {
    let r = random() * totalWeight;
    for (let k = 0; k < TAGS.length; k++) if ((r -= weights[k]!) <= 0) return TAGS[k]!;
    return TAGS[0]!;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  const started = now();
  let tags = 0;
  let done = 0;
  const batch = (n: number) => {
    const assets: AssetRow[] = [];
    const tagRows: TagRow[] = [];
    const hashes = crypto.randomBytes(32 * n);
    let i = 0;
    while (i < n) {
      const user = random() < 0.9 ? users.main : pick(users.others);
      const kindRoll = random();
      const kind = kindRoll < 0.12 ? 'upload' : kindRoll < 0.3 ? 'edited' : 'generated';
      const setSize = kind === 'generated' ? (random() < 0.7 ? 1 : 1 + Math.floor(random() * 4)) : 1;
      const createdAt = Math.floor(tStart + random() * (tEnd - tStart));
      const sameMs = random() < 0.3;
      const generationId = kind === 'upload' ? null : crypto.randomUUID();
      const prompt = `${pick(SUBJECTS)} ${pick(MOODS)}`;
      const [w, h] = pick(SIZES_PX);
      const mime = pick(MIMES);
      for (let k = 0; k < setSize && i < n; k++, i++) {
        const id = crypto.randomUUID();
        const fileName = `IMG_${1000 + Math.floor(random() * 9000)}.jpg`;
        const at = sameMs ? createdAt : createdAt + k * (5 + Math.floor(random() * 400));
        const deleted = random() < 0.02 ? at + Math.floor(random() * 30 * 24 * 3600 * 1000) : null;
        assets.push([
          id, user, kind,
          kind === 'edited' ? crypto.randomUUID() : null,
          generationId,
          kind === 'upload' ? null : k,
          kind === 'upload' ? blobKeys.original(user, id) : blobKeys.generated(user, generationId!, k),
          random() < 0.6 ? blobKeys.thumbnail(user, id) : null,
          kind === 'upload' ? 'image/jpeg' : mime, w, h,
          100_000 + Math.floor(random() * 3_000_000),
          hashes.toString('hex', i * 32, i * 32 + 32),
          kind === 'upload' ? fileName : prompt,
          kind === 'upload' ? JSON.stringify({ fileName })
            : JSON.stringify({ engine: 'builtin', seed: Math.floor(random() * 2 ** 31), style: pick(STYLES), size: '1K' }),
          random() < 0.03 ? 1 : 0,
          deleted,
          at,
        ]);
        if (random() < 0.15) {
          const nTags = 1 + Math.floor(random() * 3);
          for (let t = 0; t < nTags; t++) tagRows.push([id, user, pickTag(), at]);
        }
        // Two tags sized either side of the old SMALL_SET (5000) threshold at 1M assets, the worst case before 0006_hot_path.
        if (user === users.main) {
          if (random() < EDGE_BELOW) tagRows.push([id, user, 'edge-below', at]);
          if (random() < EDGE_ABOVE) tagRows.push([id, user, 'edge-above', at]);
        }
      }
    }
    return { assets, tagRows };
  };
  while (done < count) {
    const n = Math.min(BATCH, count - done);
    const { assets, tagRows } = batch(n);
    tags += await store.insert(assets, tagRows);
    done += n;
  }
  return { rows: count, tags, seconds: (now() - started) / 1000 };
}

// ---- requests ---------------------------------------------------------------------------------------------------

interface PageBody {
  items: Array<{ id: string; createdAt: string }>;
  nextCursor: string | null;
  total?: number | null;
}

type Fetch = (query: string) => Promise<{ status: number; body: PageBody; ms: number }>;

function makeFetch(bench: BenchApp, cookie: string): Fetch {
  if (TRANSPORT === 'http') {
    const client = new HttpClient(bench.baseUrl, HttpClient.agent(1)).useCookies(cookie);
    return async (query) => {
      const t0 = now();
      const res = await client.get(`/api/v1/assets?${query}`);
      const t = now() - t0;
      return { status: res.status, body: res.json<PageBody>(), ms: t };
    };
  }
  return async (query) => {
    const t0 = now();
    const res = await bench.app.inject({ method: 'GET', url: `/api/v1/assets?${query}`, headers: { cookie } });
    const t = now() - t0;
    return { status: res.statusCode, body: res.json<PageBody>(), ms: t };
  };
}

interface Scenario {
  name: string;
  /** Runs one request (or a few, for walks) and returns the measured times. */
  next(): Promise<number[]>;
}

interface Row {
  size: number;
  scenario: string;
  times: number[];
  service?: number[];
  /** Cores used by other processes on the machine while the row was measured. */
  otherCores?: number;
  /** Longest GC pause (ms) while the row was measured. */
  gcMax: number;
}

/** GC pauses, so a slow sample can be told apart from a collection. */
class GcWatch {
  private pauses: Array<{ start: number; duration: number }> = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.pauses.push({ start: e.startTime, duration: e.duration });
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** The longest pause that began at or after `since` (performance.now() time). GC entries arrive on a later turn
   * of the event loop (inject alone never yields one), hence the short wait. */
  async longestSince(since: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const max = this.pauses.filter((p) => p.start >= since).reduce((m, p) => Math.max(m, p.duration), 0);
    this.pauses = this.pauses.filter((p) => p.start >= since);
    return max;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
const gcWatch = new GcWatch();

/** Random rows of the main user's live gallery matching `where`, as cursors (what a client would hold). */
async function randomCursors(store: FixtureStore, userId: string, where: string, n: number, random: () => number): Promise<string[]> {
  return (await store.randomRows(userId, where, n, random)).map((row) => encodeCursor({ createdAt: row.created_at, id: row.id }));
}

function decode(cursor: string): Keyset {
  const text = Buffer.from(cursor, 'base64url').toString();
  const sep = text.indexOf(':');
  return { createdAt: Number(text.slice(0, sep)), id: text.slice(sep + 1) };
}

let orderWarnings = 0;
function checkPage(body: PageBody, status: number, what: string): void {
  if (status !== 200) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 200)}`);
  for (let i = 1; i < body.items.length; i++) {
    const a = body.items[i - 1]!;
    const b = body.items[i]!;
    if (a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)) {
      if (orderWarnings++ < 3) console.log(`  WARNING: ${what}: page not in (created_at desc, id desc) order at item ${i}`);
    }
  }
}

/**
 * The gallery's total as the API answers it (summed from the per-user counters the triggers keep) against what a
 * `count(*)` over the user's live rows costs at the same size; the API's total must equal the count.
 */
async function measureTotals(size: number, bench: BenchApp, store: FixtureStore, userId: string, fetchPage: Fetch, live: number): Promise<string[]> {
  const answered = (await fetchPage(`limit=${PAGE}`)).body.total;
  if (answered !== live) console.log(`  WARNING: the API's total ${answered} is not the ${live} live assets`);
  const repo = new AssetRepository(bench.services.db);
  const countersMs: number[] = [];
  for (let i = 0; i < 20 + SAMPLES; i++) {
    const t0 = now();
    await repo.countOf(userId, {});
    if (i >= 20) countersMs.push(now() - t0);
  }
  const scanMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = now();
    await store.liveCount(userId);
    scanMs.push(now() - t0);
  }
  const counters = summarize(countersMs);
  return [num(size), num(answered ?? 0), answered === live ? 'yes' : 'NO', ms(counters.p50), ms(counters.p99), ms(summarize(scanMs).p50)];
}

/**
 * The totals of the filters no counter is kept for, as the first page computes them: a common and an absent search
 * text (counted in the newest COUNT_CAP live images, scaled to the live total), a common and a rare tag (counted up
 * to COUNT_CAP).
 */
async function measureBoundedTotals(size: number, bench: BenchApp, store: FixtureStore, userId: string): Promise<string[][]> {
  const repo = new AssetRepository(bench.services.db);
  const tagCounts = await store.tagCounts(userId);
  const filters: Array<[string, AssetListFilter]> = [['q=fox', { q: 'fox' }], ['q=absent-text', { q: 'absent-text' }]];
  for (const t of [tagCounts[0], tagCounts.find((x) => x.tag === 'rare-tag')]) if (t) filters.push([`tag=${t.tag}`, { tag: t.tag }]);
  const out: string[][] = [];
  for (const [name, filter] of filters) {
    const times: number[] = [];
    let last: ListTotal = { total: null };
    for (let i = 0; i < 3 + Math.min(SAMPLES, 50); i++) {
      const t0 = now();
      last = filter.q === undefined ? await repo.countUpTo(userId, filter) : await repo.textTotal(userId, { q: filter.q }, await repo.countOf(userId, {}));
      if (i >= 3) times.push(now() - t0);
    }
    const s = summarize(times);
    out.push([num(size), name, num(last.total ?? 0), last.totalAccuracy ?? 'unknown', ms(s.p50), ms(s.p99)]);
  }
  return out;
}

async function measureSize(size: number, bench: BenchApp, store: FixtureStore, users: Users, fetchPage: Fetch, random: () => number): Promise<Row[]> {
  const userId = users.main;
  const rows: Row[] = [];

  // Plain requests with a fixed query or a cursor drawn from a pool.
  const single = (name: string, base: string, cursors?: string[]): Scenario => {
    let k = 0;
    return {
      name,
      async next() {
        const query = cursors ? `${base}&cursor=${cursors[k++ % cursors.length]}` : base;
        const r = await fetchPage(query);
        checkPage(r.body, r.status, name);
        return [r.ms];
      },
    };
  };
  // 20 pages along nextCursor from the top (the first page is not counted: it has its own row).
  const walk = (name: string, base: string): Scenario => ({
    name,
    async next() {
      const times: number[] = [];
      let cursor = (await fetchPage(base)).body.nextCursor;
      for (let p = 0; p < 20 && cursor; p++) {
        const r = await fetchPage(`${base}&cursor=${cursor}`);
        checkPage(r.body, r.status, name);
        times.push(r.ms);
        cursor = r.body.nextCursor;
      }
      return times;
    },
  });

  const base = `limit=${PAGE}`;
  const pool = Math.max(50, SAMPLES);
  const tagCounts = await store.tagCounts(userId);
  const commonTag = tagCounts[0];
  const rareTag = tagCounts.find((t) => t.tag === 'rare-tag');
  const below = tagCounts.find((t) => t.tag === 'edge-below');
  const above = tagCounts.find((t) => t.tag === 'edge-above');
  const scenarios: Scenario[] = [
    single('first page', base),
    walk('pages 2-21 along nextCursor', base),
    single('random deep cursor', base, await randomCursors(store, userId, '', pool, random)),
    single('kind=upload, first page', `${base}&kind=upload`),
    single('kind=upload, random deep cursor', `${base}&kind=upload`, await randomCursors(store, userId, "and kind = 'upload'", pool, random)),
    single('favorite=true, first page', `${base}&favorite=true`),
    single('favorite=true, random deep cursor', `${base}&favorite=true`, await randomCursors(store, userId, 'and favorite = 1', pool, random)),
  ];
  for (const t of [commonTag, rareTag, below, above]) {
    if (t) scenarios.push(single(`tag=${t.tag} (${num(t.n)} tagged), first page`, `${base}&tag=${t.tag}`));
  }

  const repo = new AssetRepository(bench.services.db);
  for (const s of scenarios) {
    for (let i = 0; i < WARMUP; ) i += (await s.next()).length;
    const times: number[] = [];
    const cpu = new CpuWindow();
    const since = now();
    while (times.length < SAMPLES) times.push(...(await s.next()));
    const otherCores = cpu.read().otherCores;
    rows.push({ size, scenario: s.name, times, otherCores, gcMax: await gcWatch.longestSince(since) });
  }

  // The service alone (SQL + tags + DTOs, no HTTP) for the first page and deep cursors, for comparison.
  const deep = await randomCursors(store, userId, '', 100, random);
  const serviceTimes = async (cursor: () => string | undefined, filter: AssetListFilter = {}) => {
    const t: number[] = [];
    for (let i = 0; i < 20 + 200; i++) {
      const t0 = now();
      await bench.services.assets.list(userId, { limit: PAGE, cursor: cursor(), ...filter });
      if (i >= 20) t.push(now() - t0);
    }
    return t;
  };
  let k = 0;
  rows.find((r) => r.scenario === 'first page')!.service = await serviceTimes(() => undefined);
  rows.find((r) => r.scenario === 'random deep cursor')!.service = await serviceTimes(() => deep[k++ % deep.length]);

  if (EXPLAIN && size === SIZES[SIZES.length - 1]) {
    console.log(`\n  Query plans at ${num(size)} rows:`);
    const plans: Array<[string, AssetListFilter, Keyset | undefined]> = [
      ['first page', {}, undefined],
      ['deep cursor', {}, decode(deep[0]!)],
      ['kind=upload', { kind: 'upload' }, undefined],
      ['favorite=true', { favorite: true }, undefined],
      ...[commonTag, rareTag, below, above].filter((t) => t !== undefined)
        .map((t) => [`tag=${t.tag} (${num(t.n)})`, { tag: t.tag }, undefined] as [string, AssetListFilter, undefined]),
    ];
    for (const [name, filter, after] of plans) {
      const compiled = repo.listQuery(userId, filter, after, PAGE + 1).compile();
      console.log(`    ${name}: ${await store.plan(compiled.sql, compiled.parameters)}`);
    }
  }
  return rows;
}

// ---- main -------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = now();
  console.log(`# Gallery page of ${PAGE}: GET /api/v1/assets at ${SIZES.map((s) => num(s)).join(', ')} assets`);
  console.log(`${machineLine()}; transport ${TRANSPORT}; ${SAMPLES} samples per row after ${WARMUP} warm-up requests`);

  const database = POSTGRES ? await createBenchDatabase(POSTGRES) : undefined;
  const deployment = database ? { deployment: { redisPrefix: 'atelier', databaseUrl: database.url } } : {};
  const bench = await startBenchApp({ config: { runWorkers: false, workerConcurrency: 0, ...deployment }, listen: TRANSPORT === 'http' });
  const store: FixtureStore = database ? new PostgresFixtures(database.url) : new SqliteFixtures(bench.services.config.databaseFile);
  console.log(`Database: ${store.name}`);
  try {

    const password = 'correct horse battery staple';
    const main = await signUpAccount(bench.services, { email: 'gallery-main@example.test', password, name: 'Gallery' });
    const others = await Promise.all([1, 2, 3].map((i) =>
      signUpAccount(bench.services, { email: `gallery-other-${i}@example.test`, password, name: `Other ${i}` })));
    const users: Users = { main: main.user.id, others: others.map((o) => o.user.id) };
    const cookie = `atelier_session=${main.token}; atelier_csrf=${main.csrfToken}`;
    if (CACHE_MB > 0 && !database) {
      await sql.raw(`pragma cache_size = -${Math.round(CACHE_MB * 1024)}`).execute(bench.services.db);
      console.log(`  experiment: the app's SQLite connection has a ${CACHE_MB} MiB page cache (default 64 MiB)`);
    }
    const fetchPage = makeFetch(bench, cookie);

    const seededRng = new Rng(42); // replayable: the same seed gives the same run
    const random = () => seededRng.next();
    const tEnd = Date.now() - 60_000;
    const results: Row[] = [];
    const builds: string[][] = [];
    const totals: string[][] = [];
    const bounded: string[][] = [];
    let have = 0;
    for (const size of SIZES) {
      const add = size - have;
      const b = await insertAssets(store, users, add, random, tEnd);
      have = size;
      const mainLive = await store.liveCount(users.main);
      const dbMiB = await store.sizeMiB();
      builds.push([num(size), num(add), num(b.tags), num(b.seconds, 1), num(add / b.seconds), num(mainLive), num(dbMiB, 0)]);
      console.log(`  ${num(size)} assets: inserted ${num(add)} rows + ${num(b.tags)} tags in ${num(b.seconds, 1)} s ` +
        `(${num(add / b.seconds)} rows/s); main user has ${num(mainLive)} live assets; database ${num(dbMiB, 0)} MiB`);
      totals.push(await measureTotals(size, bench, store, users.main, fetchPage, mainLive));
      bounded.push(...(await measureBoundedTotals(size, bench, store, users.main)));
      const rows = await measureSize(size, bench, store, users, fetchPage, random);
      results.push(...rows);
      const first = summarize(rows[0]!.times);
      console.log(`  ${num(size)}: first page p50 ${ms(first.p50)} ms, p99 ${ms(first.p99)} ms`);
    }

    console.log('\n### Build\n');
    console.log(table(['assets', 'added', 'tags added', 'seconds', 'rows/s', 'main user live', 'DB MiB'], builds));

    console.log('\n### Gallery total (the `total` of every first page): counters vs count(*)\n');
    console.log(table(['assets', 'total', 'exact', 'counters p50 ms', 'counters p99 ms', 'count(*) p50 ms'], totals));

    console.log(`\n### Totals without a counter (search text, tag): bounded by the newest ${num(COUNT_CAP)} rows\n`);
    console.log(table(['assets', 'filter', 'total', 'accuracy', 'p50 ms', 'p99 ms'], bounded));

    console.log(`\n### GET /api/v1/assets?limit=${PAGE} (ms, via ${TRANSPORT === 'http' ? 'loopback HTTP' : 'Fastify inject'})\n`);
    const scenarios = [...new Set(results.map((r) => r.scenario.replace(/ \([\d,]+ tagged\)/, '')))];
    const tableRows: string[][] = [];
    for (const scenario of scenarios) {
      for (const size of SIZES) {
        const r = results.find((x) => x.size === size && x.scenario.replace(/ \([\d,]+ tagged\)/, '') === scenario);
        if (!r) continue;
        const s = summarize(r.times);
        const svc = r.service ? summarize(r.service) : undefined;
        const tagged = /\(([\d,]+) tagged\)/.exec(r.scenario)?.[1];
        tableRows.push([scenario + (tagged ? ` [${tagged}]` : ''), num(size), String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max),
          svc ? ms(svc.p50) : '', ms(r.gcMax), r.otherCores === undefined ? '?' : num(r.otherCores, 2), s.p99 <= 10 ? 'yes' : 'NO']);
      }
    }
    console.log(table(['request', 'assets', 'n', 'p50', 'p95', 'p99', 'max', 'service p50', 'GC max', 'other procs', 'p99 ≤ 10'], tableRows));
    console.log('\nservice p50 = AssetService.list called directly (SQL + tags + DTOs, no HTTP), 200 calls; GC max = longest GC');
    console.log('pause while the row was measured; other procs = cores used by other processes on the machine meanwhile.');
    console.log('[n] after a tag = how many of the main user\'s assets carry it.');
    console.log(`\nTarget: p99 ≤ 10 ms and flat across sizes. Total run ${num((now() - started) / 1000, 0)} s.`);
  } finally {
    gcWatch.stop();
    await store.close();
    await bench.close();
    await database?.drop();
  }
}

/** A migrated database of the run's own on the PostgreSQL server at `serverUrl`. */
async function createBenchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `atelier_bench_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${quoteIdent(name)}`);
  return { url: databaseUrl(serverUrl, name), drop: () => adminQuery(serverUrl, `drop database if exists ${quoteIdent(name)} with (force)`).then(() => {}) };
}

await main();
