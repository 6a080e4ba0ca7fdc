/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the main thread's time went, by package / server
 * folder (self time), by function (self time), and the inclusive time of the server's own functions.
 *
 *   npm run bench:platform -w bench -- --engine=stub --profile=<folder>   (profiles each level's measured window)
 *   cd bench && npx tsx support/cpuprofile-summary.ts <folder>/*.cpuprofile [--top=25]
 *
 * (or a whole run: node --cpu-prof --cpu-prof-dir=<folder> --import tsx platform/throughput.ts ...)
 *
 * Only the main thread is profiled: libuv threadpool work (fs, fsync, argon2) and libvips threads (sharp) show up
 * as idle time here, not as their cost.
 */
import fs from 'node:fs';
import { Args } from './args.js';
import { selfTimeByBucket, type CallFrame, type CpuProfile } from './cpuprofile.js';
import { num, table } from './stats.js';

function category(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (idle), (program)
    return '(native)';
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const server = /server\/src\/(.+?)\/[^/]+$/.exec(url) ?? /server\/src\/([^/]+)$/.exec(url);
  if (server) return `server/${server[1]}`;
  if (url.includes('/bench/')) return 'bench (clients, instrumentation)';
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:').split('/').slice(0, 2).join('/');
  return url;
}

function label(frame: CallFrame): string {
  const file = frame.url ? frame.url.replace(/^.*\/(node_modules|server\/src|bench)\//, '$1/') : '';
  return `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
}

export function summariseProfile(file: string, top: number): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;

  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const cat = category(node.callFrame);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
    const fn = label(node.callFrame);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    // Inclusive time of server functions: each distinct server frame on the stack gets the sample once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!f.url.includes('server/src/')) continue;
      const key = label(f);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }

  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1)}%`;
  const rows = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => [k, num(us / 1000, 0), pct(us)]);
  console.log(`\n${file}: ${num(totalUs / 1e6, 1)} s profiled, ${num(profile.samples.length)} samples\n`);
  console.log('#### Self time by part of the stack\n');
  console.log(table(['part', 'ms', 'share'], rows(selfTimeByBucket(profile))));
  console.log('\n#### Self time by package / folder\n');
  console.log(table(['where', 'ms', 'share'], rows(byCategory)));
  console.log('\n#### Self time by function\n');
  console.log(table(['function', 'ms', 'share'], rows(byFunction)));
  console.log('\n#### Inclusive time of server functions\n');
  console.log(table(['function', 'ms', 'share'], rows(inclusive)));
}

const args = new Args();
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.log('usage: tsx support/cpuprofile-summary.ts <file.cpuprofile>... [--top=25]');
} else {
  for (const f of files) summariseProfile(f, args.number('top', 25));
}
