/**
 * Encrypted image downloads against servers of the same bytes without Atelier, side by side in one run.
 *
 * File store: the real app listens on 127.0.0.1 (in this process) over a fresh data folder; one user uploads a
 * noise PNG of about --mb MB (noise does not compress, so the PNG stays that big), and nginx serves the very bytes
 * the app decrypts, from a plain file, with sendfile.
 * S3 store: a second app instance keeps its blobs in a bucket of s3rver (an S3 protocol server, in a child process);
 * the baseline is a plain GET of the stored object (the ciphertext) from s3rver itself.
 * wrk loads each target with --connections connections for --requests requests, round after round (baseline, then
 * Atelier), and the script prints MB/s of both and the ratio per round.
 *
 *   apt-get install -y nginx wrk        (once; nothing else in the project needs them)
 *   npm run bench:serving -w bench
 *   npm run bench:serving -w bench -- --mb=3 --connections=16 --requests=1000 --rounds=3 --nginx-workers=1 --stores=fs,s3
 *   npm run bench:serving -w bench -- --profile=<folder>  (CPU profiles of the app's thread during its rounds;
 *     summarise them with: cd bench && npx tsx support/cpuprofile-summary.ts <folder>/*.cpuprofile)
 *
 * Benchmarks print numbers; nothing here asserts.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { testConfig, type Config } from '../../server/src/config.js';
import { startBenchApp, benchTempDir } from '../support/app.js';
import { Args } from '../support/args.js';
import { WindowProfiler } from '../support/cpuprofile.js';
import { machineLine } from '../support/machine.js';
import { startNginx } from '../support/nginx.js';
import { startS3Process } from '../support/s3-process.js';
import { num, table } from '../support/stats.js';
import { runWrk, type LoadResult } from '../support/wrk.js';

const args = new Args();
const MB = args.number('mb', 3);
const CONNECTIONS = args.number('connections', 16);
const REQUESTS = args.number('requests', 1000);
const ROUNDS = args.number('rounds', 3);
const THREADS = args.number('threads', 2);
const NGINX_WORKERS = args.number('nginx-workers', 1);
const MAX_SECONDS = args.number('max-seconds', 60);
const PROFILE_DIR = args.string('profile', '');
const STORES = args.string('stores', 'fs,s3').split(',');

/** A PNG of random pixels, about `mb` MB. */
async function noisePng(mb: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt((mb * 1e6) / 3));
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (Math.random() * 256) | 0;
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

async function signUp(baseUrl: string): Promise<{ userId: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `serving-${Date.now()}@example.test`, password: 'correct horse battery staple', name: 'Bench' }),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { userId: ((await res.json()) as { user: { id: string } }).user.id, cookie };
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

/** A baseline and Atelier serving the same image, compared round by round. */
interface Pair {
  label: string;
  baseline: Target;
  atelier: Target;
}

/** An app on its own data folder (and blob store), with one user who uploaded the image. */
async function appWithImage(png: Buffer, config: Partial<Config>) {
  const bench = await startBenchApp({ config: { runWorkers: false, ...config } });
  const { userId, cookie } = await signUp(bench.baseUrl);
  const asset = await bench.services.assets.upload(userId, { data: png, fileName: 'noise.png' });
  const row = await bench.services.assets.requireAsset(userId, asset.id);
  const atelier: Target = { name: 'Atelier /assets/:id/content', url: `${bench.baseUrl}/api/v1/assets/${asset.id}/content`, headers: { cookie } };
  return { bench, atelier, blobKey: row.blob_key, plain: await bench.services.blobs.getBuffer(row.blob_key, userId) };
}

async function main(): Promise<void> {
  console.log(machineLine());
  const work = benchTempDir('atelier-serving-');
  const webRoot = path.join(work, 'www');
  fs.mkdirSync(webRoot);
  const closers: Array<() => Promise<void>> = [];
  try {
    const png = await noisePng(MB);
    const pairs: Pair[] = [];
    if (STORES.includes('fs')) {
      const fsApp = await appWithImage(png, {});
      closers.push(() => fsApp.bench.close());
      fs.writeFileSync(path.join(webRoot, 'image.png'), fsApp.plain);
      const nginx = await startNginx({ root: webRoot, workDir: work, workers: NGINX_WORKERS });
      closers.push(nginx.close);
      console.log(`image: ${num(fsApp.plain.length)} bytes`);
      pairs.push({
        label: 'file store',
        baseline: { name: `nginx sendfile, plain file (${NGINX_WORKERS} worker)`, url: `${nginx.baseUrl}/image.png` },
        atelier: { ...fsApp.atelier, name: 'Atelier, file store (decrypts)' },
      });
    }
    if (STORES.includes('s3')) {
      const s3 = await startS3Process();
      closers.push(s3.close);
      const base = testConfig(work);
      const s3App = await appWithImage(png, { deployment: { ...base.deployment, s3: s3.config } });
      closers.push(() => s3App.bench.close());
      pairs.push({
        label: 'S3 store',
        baseline: { name: 'S3 server (s3rver), GET of the object', url: `${s3.config.endpoint}/${s3.config.bucket}/${s3App.blobKey}` },
        atelier: { ...s3App.atelier, name: 'Atelier, S3 store (ranged GETs, decrypts)' },
      });
    }
    console.log(`${CONNECTIONS} connections, ${THREADS} wrk threads, ${REQUESTS} requests per round, ${ROUNDS} rounds\n`);

    const profiler = PROFILE_DIR ? new WindowProfiler() : undefined;
    for (const pair of pairs) {
      const results = { baseline: [] as LoadResult[], atelier: [] as LoadResult[] };
      for (const t of [pair.baseline, pair.atelier]) await load(t, Math.min(200, REQUESTS), work); // warm-up
      for (let round = 1; round <= ROUNDS; round++) {
        for (const side of ['baseline', 'atelier'] as const) {
          const t = pair[side];
          if (side === 'atelier') profiler?.start();
          const r = await load(t, REQUESTS, work);
          if (side === 'atelier' && profiler) writeProfile(await profiler.stop(), `${pair.label.replace(/\W+/g, '-')}-${round}`);
          results[side].push(r);
          console.log(`${pair.label}, round ${round}: ${t.name}: ${num(r.mbPerSecond)} MB/s (${r.requests} requests in ${num(r.seconds, 2)} s, ${r.errors} errors)`);
        }
      }
      const row = (t: Target, rs: LoadResult[]) => {
        const mbs = rs.map((r) => r.mbPerSecond).sort((a, b) => a - b);
        return [t.name, num(median(mbs)), `${num(mbs[0]!)}–${num(mbs[mbs.length - 1]!)}`, String(rs.reduce((n, r) => n + r.errors, 0))];
      };
      console.log(`\n${table(['target', 'median MB/s', 'range', 'errors'], [row(pair.baseline, results.baseline), row(pair.atelier, results.atelier)])}`);
      const ratios = results.atelier.map((r, i) => r.mbPerSecond / results.baseline[i]!.mbPerSecond).sort((a, b) => a - b);
      console.log(`${pair.label}: Atelier / baseline per round ${ratios.map(pct).join(', ')}; median ${pct(median(ratios))}\n`);
    }
    profiler?.close();
  } finally {
    for (const close of closers.reverse()) await close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]!;
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

function load(t: Target, requests: number, work: string): Promise<LoadResult> {
  return runWrk({ url: t.url, headers: t.headers, connections: CONNECTIONS, threads: THREADS, requests, maxSeconds: MAX_SECONDS, workDir: work });
}

function writeProfile(profile: object, name: string): void {
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const file = path.join(PROFILE_DIR, `serving-${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`  profile: ${file}`);
}

await main();
