/**
 * Encrypted image downloads against nginx sendfile, side by side in one run.
 *
 * The real app listens on 127.0.0.1 (in this process, with its file blob store); one user uploads a noise PNG of
 * about --mb MB (noise does not compress, so the PNG stays that big). nginx serves the very bytes the app
 * decrypts, from a plain file. wrk loads each with --connections connections until --requests responses came back,
 * round after round (nginx, then the app), and the script prints MB/s of both and the ratio.
 *
 *   apt-get install -y nginx wrk        (once; nothing else in the project needs them)
 *   npm run bench:serving -w bench
 *   npm run bench:serving -w bench -- --mb=3 --connections=16 --requests=2000 --rounds=3 --nginx-workers=1
 *   npm run bench:serving -w bench -- --profile=/tmp/serving   (a CPU profile of the app's thread during its rounds;
 *     summarise it with: cd bench && npx tsx support/cpuprofile-summary.ts /tmp/serving/*.cpuprofile)
 *
 * Benchmarks print numbers; nothing here asserts.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startBenchApp, benchTempDir } from '../support/app.js';
import { Args } from '../support/args.js';
import { WindowProfiler } from '../support/cpuprofile.js';
import { machineLine } from '../support/machine.js';
import { startNginx } from '../support/nginx.js';
import { num, table } from '../support/stats.js';
import { runWrk, type LoadResult } from '../support/wrk.js';

const args = new Args();
const MB = args.number('mb', 3);
const CONNECTIONS = args.number('connections', 16);
const REQUESTS = args.number('requests', 2000);
const ROUNDS = args.number('rounds', 3);
const THREADS = args.number('threads', 2);
const NGINX_WORKERS = args.number('nginx-workers', 1);
const MAX_SECONDS = args.number('max-seconds', 60);
const PROFILE_DIR = args.string('profile', '');

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

async function main(): Promise<void> {
  console.log(machineLine());
  const work = benchTempDir('atelier-serving-');
  const webRoot = path.join(work, 'www');
  fs.mkdirSync(webRoot);
  const bench = await startBenchApp({ config: { runWorkers: false } });
  const nginx = { close: async () => {} };
  try {
    const { userId, cookie } = await signUp(bench.baseUrl);
    const asset = await bench.services.assets.upload(userId, { data: await noisePng(MB), fileName: 'noise.png' });
    const plain = await bench.services.blobs.getBuffer((await bench.services.assets.requireAsset(userId, asset.id)).blob_key, userId);
    fs.writeFileSync(path.join(webRoot, 'image.png'), plain);
    const server = await startNginx({ root: webRoot, workDir: work, workers: NGINX_WORKERS });
    nginx.close = server.close;

    const targets: Target[] = [
      { name: 'nginx sendfile (plain file)', url: `${server.baseUrl}/image.png` },
      { name: 'Atelier /assets/:id/content (encrypted)', url: `${bench.baseUrl}/api/v1/assets/${asset.id}/content`, headers: { cookie } },
    ];
    console.log(`image: ${num(plain.length)} bytes; ${CONNECTIONS} connections, ${THREADS} wrk threads, ${REQUESTS} requests per round, ` +
      `${ROUNDS} rounds; nginx workers: ${NGINX_WORKERS}\n`);

    const profiler = PROFILE_DIR ? new WindowProfiler() : undefined;
    const results = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    for (const t of targets) await load(t, Math.min(200, REQUESTS), work); // warm-up: JIT, page cache, keyring cache
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        const isApp = t.name.startsWith('Atelier');
        if (isApp) profiler?.start();
        const r = await load(t, REQUESTS, work);
        if (isApp && profiler) writeProfile(await profiler.stop(), round);
        results.get(t.name)!.push(r);
        console.log(`round ${round}: ${t.name}: ${num(r.mbPerSecond)} MB/s (${r.requests} requests in ${num(r.seconds, 2)} s, ${r.errors} errors)`);
      }
    }
    profiler?.close();

    const rows = targets.map((t) => {
      const rs = results.get(t.name)!;
      const mbs = rs.map((r) => r.mbPerSecond).sort((a, b) => a - b);
      return [t.name, num(mbs[Math.floor(mbs.length / 2)]!), `${num(mbs[0]!)}–${num(mbs[mbs.length - 1]!)}`, String(rs.reduce((s, r) => s + r.errors, 0))];
    });
    console.log(`\n${table(['target', 'median MB/s', 'range', 'errors'], rows)}`);
    const ratios = results.get(targets[1]!.name)!.map((r, i) => r.mbPerSecond / results.get(targets[0]!.name)![i]!.mbPerSecond).sort((a, b) => a - b);
    console.log(`\nAtelier / nginx, per round: ${ratios.map((x) => `${(100 * x).toFixed(0)} %`).join(', ')}; median ${(100 * ratios[Math.floor(ratios.length / 2)]!).toFixed(0)} %`);
  } finally {
    await nginx.close();
    await bench.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function load(t: Target, requests: number, work: string): Promise<LoadResult> {
  return runWrk({ url: t.url, headers: t.headers, connections: CONNECTIONS, threads: THREADS, requests, maxSeconds: MAX_SECONDS, workDir: work });
}

function writeProfile(profile: object, round: number): void {
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const file = path.join(PROFILE_DIR, `serving-round-${round}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`  profile: ${file}`);
}

await main();
