/**
 * Benchmark of the built-in procedural engine: generate at 1024² and 4096² (all styles, several prompts and seeds),
 * per-style timings and event-loop delay while rendering (classic edits: bench/edits/edit-operations.ts).
 *
 *   npm run bench -w engines/builtin            (from the repository root; `npm run bench:engine -w bench` runs it too)
 *   npm run bench -w engines/builtin -- --quick (a short smoke run)
 *
 * Each generate sample is one `engine.run()` of one image (count 1, watermark on), timed from the call to its end,
 * which includes encoding the JPEG. Benchmarks print numbers; nothing here asserts on them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { CpuWindow, machineLine } from '../../../bench/support/machine.js';
import { ms, now, summarize, table, type Summary } from '../../../bench/support/stats.js';
import { BUILTIN_STYLES, BuiltinRenderer, type RenderContext, type RenderJob } from '../src/index.js';

const quick = process.argv.includes('--quick');
const engine = new BuiltinRenderer();

const PROMPTS = [
  'sunset over the ocean',
  'misty mountains at dawn with a lake',
  'neon city at night',
  'a cat watching the stars',
  'autumn forest',
  'desert dunes under a golden sky',
  'abstract shapes',
  'spring meadow with flowers and a lone tree',
  'aurora over a pine forest',
  'xyzzy plugh',
];

const HEADERS = ['case', 'n', 'p50 ms', 'p95 ms', 'mean ms', 'max ms'];
const row = (label: string, s: Summary): string[] => [label, String(s.n), ms(s.p50), ms(s.p95), ms(s.mean), ms(s.max)];

async function generateOnce(width: number, height: number, prompt: string, seed: number, style: string): Promise<number> {
  const job: RenderJob = {
    prompt,
    width,
    height,
    seed,
    count: 1,
    style,
    watermark: true,
    references: [],
    doneIndexes: new Set(),
  };
  let bytes = 0;
  const ctx: RenderContext = {
    signal: new AbortController().signal,
    onImage: async (image) => {
      bytes = image.data.length;
    },
    onOutputError: async (error) => {
      throw new Error(`render failed: ${error.message}`);
    },
    onProgress: () => undefined,
  };
  const start = now();
  await engine.run(job, ctx);
  const elapsed = now() - start;
  if (bytes === 0) throw new Error('no image produced');
  return elapsed;
}

interface GenerateResult {
  summary: Summary;
  loopP99: number;
  loopMax: number;
  otherCores: number | undefined;
}

async function benchGenerate(width: number, height: number, runs: number): Promise<GenerateResult> {
  // Warm-up (fonts, texture tiles, libvips, JIT) outside the measurement.
  await generateOnce(width, height, PROMPTS[0], 999, 'flat');
  const samples: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const cpu = new CpuWindow();
  loop.enable();
  for (let i = 0; i < runs; i++) {
    samples.push(await generateOnce(width, height, PROMPTS[i % PROMPTS.length], 1000 + i, BUILTIN_STYLES[i % BUILTIN_STYLES.length]));
  }
  loop.disable();
  return { summary: summarize(samples), loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, otherCores: cpu.read().otherCores };
}

async function benchStyles(width: number, height: number, runsPerStyle: number): Promise<string[][]> {
  const rows: string[][] = [];
  for (const style of BUILTIN_STYLES) {
    const samples: number[] = [];
    for (let i = 0; i < runsPerStyle; i++) samples.push(await generateOnce(width, height, PROMPTS[(i * 3) % PROMPTS.length], 2000 + i, style));
    rows.push(row(`${width}x${height} ${style}`, summarize(samples)));
  }
  return rows;
}

async function main(): Promise<void> {
  console.log('# Built-in engine benchmark\n');
  console.log(machineLine());
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, sharp.concurrency() = ${sharp.concurrency()}, UV_THREADPOOL_SIZE = ${process.env.UV_THREADPOOL_SIZE ?? 'default (4)'}`);
  console.log(`Generate samples cycle through ${BUILTIN_STYLES.length} styles and ${PROMPTS.length} prompts with fresh seeds.\n`);

  const r1k = await benchGenerate(1024, 1024, quick ? 3 : 18);
  const r4k = await benchGenerate(4096, 4096, quick ? 1 : 6);
  console.log(table(HEADERS, [row('generate 1024x1024 (all styles)', r1k.summary), row('generate 4096x4096 (all styles)', r4k.summary)]));
  const other = (r: GenerateResult) => (r.otherCores === undefined ? '' : `; other processes used ${r.otherCores.toFixed(2)} cores meanwhile`);
  console.log(`\nEvent-loop delay while rendering: p99 ${ms(r1k.loopP99)} ms, max ${ms(r1k.loopMax)} ms at 1024²${other(r1k)}.`);
  console.log(`Event-loop delay while rendering: p99 ${ms(r4k.loopP99)} ms, max ${ms(r4k.loopMax)} ms at 4096²${other(r4k)}.\n`);

  console.log('Per style:\n');
  console.log(table(HEADERS, [...(await benchStyles(1024, 1024, quick ? 1 : 4)), ...(await benchStyles(4096, 4096, 1)), ...(await benchStyles(64, 64, quick ? 2 : 10))]));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
