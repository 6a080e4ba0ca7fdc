/**
 * Memory of a personal data export as the account grows: does building and downloading the zip need memory in
 * proportion to the size of the library? (Issue #5: "an export of 5 GB must not need 5 GB of memory".)
 *
 * For each size, a fresh app (real SQLite file, real encrypted blob store, in-process workers) gets one account
 * with `size` bytes of originals: assets of `--file-mb` MiB of random (incompressible) bytes, written through the
 * BlobStore like uploads are, plus `--generations` history rows. Then:
 *   build     POST /api/v1/me/exports and wait for the job to finish (zip streamed through yazl into the store)
 *   download  GET /api/v1/me/exports/:id/download over a real loopback socket, bytes counted and dropped
 * RSS is sampled every 10 ms during each phase; the table shows the baseline (before the phase), the peak, and
 * the peak above the baseline. Each size uses its own temp folder, deleted afterwards (about 2× the size on disk).
 *
 *   npm run bench:export -w bench
 *   npm run bench:export -w bench -- --sizes-mb=256,1024,5120 --file-mb=8 --generations=5000
 *
 * Benchmarks print numbers; nothing here asserts.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { newId } from '../../server/src/lib/ids.js';
import { startBenchApp, type BenchApp } from '../support/app.js';
import { Args } from '../support/args.js';
import { machineLine } from '../support/machine.js';
import { table } from '../support/stats.js';

const args = new Args();
const SIZES_MB = args.numbers('sizes-mb', [256, 1024, 5120]).sort((a, b) => a - b);
const FILE_MB = args.number('file-mb', 8);
const GENERATIONS = args.number('generations', 5000);
const MiB = 1024 * 1024;

const rssMb = () => process.memoryUsage.rss() / MiB;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Samples RSS every 10 ms while `work` runs. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; baseline: number; peak: number; seconds: number }> {
  gc();
  const baseline = rssMb();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, rssMb());
    return { result, baseline, peak, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

async function fillAccount(b: BenchApp, userId: string, totalMb: number): Promise<number> {
  const { db, blobs } = b.services;
  const now = Date.now();
  const gens = Array.from({ length: GENERATIONS }, (_, i) => ({
    id: newId(), user_id: userId, mode: 'generate' as const, prompt: `bench prompt ${i}: a lighthouse at dusk in watercolor`,
    params: JSON.stringify({ size: '1K', width: 1024, height: 1024, seed: null, resolvedSeed: i, count: 1, style: 'watercolor' }),
    engine: 'builtin', model: null, status: 'succeeded' as const, error: null, parent_asset_id: null, usage: null,
    created_at: now - i * 1000, started_at: now - i * 1000, finished_at: now - i * 1000 + 500,
  }));
  for (let i = 0; i < gens.length; i += 500) await db.insertInto('generations').values(gens.slice(i, i + 500)).execute();

  const noise = crypto.randomBytes(FILE_MB * MiB);
  const files = Math.max(1, Math.round(totalMb / FILE_MB));
  for (let i = 0; i < files; i++) {
    crypto.randomFillSync(noise, 0, 64); // every file differs
    const id = newId();
    const key = `u/${userId}/orig/${id}`;
    const put = await blobs.put(key, noise, { userId, contentType: 'image/png' });
    await db.insertInto('assets').values({
      id, user_id: userId, kind: 'upload', parent_id: null, generation_id: null, output_index: null, blob_key: key, thumb_key: null,
      mime: 'image/png', width: 4096, height: 4096, bytes: put.size, sha256: put.sha256, search_text: `bench-${i}.png`,
      metadata: JSON.stringify({ fileName: `bench-${i}.png` }), deleted_at: null, created_at: now - i,
    }).execute();
  }
  return files * noise.length;
}

async function waitReady(b: BenchApp, cookie: string, id: string): Promise<{ bytes: number }> {
  for (;;) {
    const e = (await b.app.inject({ url: `/api/v1/me/exports/${id}`, headers: { cookie } })).json();
    if (e.status === 'ready') return e;
    if (e.status !== 'queued' && e.status !== 'running') throw new Error(`export ended ${e.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function download(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download answered ${res.statusCode}`));
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const rows: string[][] = [];
console.log(machineLine());
console.log(`sizes ${SIZES_MB.join(', ')} MiB, files of ${FILE_MB} MiB, ${GENERATIONS} generations; gc ${globalThis.gc ? 'exposed' : 'not exposed'}\n`);
for (const sizeMb of SIZES_MB) {
  const b = await startBenchApp({ config: { workerConcurrency: 1 } });
  try {
    const signup = await b.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: `bench-${sizeMb}@example.test`, password: 'bench password 123', name: 'Bench' } });
    const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': signup.json().csrfToken as string };
    const media = await fillAccount(b, signup.json().user.id as string, sizeMb);

    const build = await measure(async () => {
      const queued = (await b.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers })).json();
      return { id: queued.id as string, ...(await waitReady(b, cookie, queued.id)) };
    });
    const dl = await measure(() => download(`${b.baseUrl}/api/v1/me/exports/${build.result.id}/download`, cookie));
    if (dl.result !== build.result.bytes) throw new Error(`downloaded ${dl.result} bytes of ${build.result.bytes}`);
    for (const [phase, m] of [['build', build], ['download', dl]] as const) {
      rows.push([
        String(sizeMb), (media / MiB).toFixed(0), (build.result.bytes / MiB).toFixed(0), phase, m.seconds.toFixed(1),
        (build.result.bytes / MiB / m.seconds).toFixed(0), m.baseline.toFixed(0), m.peak.toFixed(0), (m.peak - m.baseline).toFixed(0),
      ]);
    }
    console.log(`${sizeMb} MiB done`);
  } finally {
    await b.close();
  }
}
console.log();
console.log(table(['size MiB', 'media MiB', 'zip MiB', 'phase', 's', 'MiB/s', 'RSS before MiB', 'RSS peak MiB', 'peak − before MiB'], rows));
