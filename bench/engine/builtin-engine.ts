/**
 * Benchmark of the built-in procedural engine: generate at 1024² and 4096² (all styles, several prompts and seeds),
 * per-style timings, event-loop delay while rendering, and edit operations on a 1024² JPEG.
 *
 *   npm run bench:engine -w bench            (from the repository root; or: npx tsx bench/engine/builtin-engine.ts)
 *   npm run bench:engine -w bench -- --quick (a short smoke run)
 *
 * Each generate sample is one `engine.run()` of one image (count 1, watermark on), timed from the call to its end,
 * which includes encoding the JPEG. Benchmarks print numbers; nothing here asserts on them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { applyOperations, BUILTIN_STYLES, BuiltinEngine, validateOperations } from '../../server/src/engines/builtin/index.js';
import type { EngineContext, EngineJob } from '../../server/src/engines/engine.js';
import { CpuWindow, machineLine } from '../support/machine.js';
import { ms, now, summarize, table, type Summary } from '../support/stats.js';

const quick = process.argv.includes('--quick');
const engine = new BuiltinEngine();

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
  const job: EngineJob = {
    generationId: 'bench',
    mode: 'generate',
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
  const ctx: EngineContext = {
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

async function benchEdit(runs: number): Promise<string[][]> {
  const source = await sharp({
    create: { width: 1024, height: 1024, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
  const cases: Array<[string, unknown[]]> = [
    ['brightness', [{ op: 'brightness', amount: 0.2 }]],
    ['crop 16:9', [{ op: 'crop', aspect: '16:9' }]],
    ['rotate 90', [{ op: 'rotate', degrees: 90 }]],
    ['text caption', [{ op: 'text', text: 'Hello from Atelier' }]],
    [
      'chain of 6 ops',
      [
        { op: 'temperature', amount: 0.3 },
        { op: 'contrast', amount: 0.2 },
        { op: 'saturation', amount: 0.2 },
        { op: 'crop', aspect: '16:9' },
        { op: 'vignette', amount: 0.5 },
        { op: 'text', text: 'Hello' },
      ],
    ],
  ];
  const rows: string[][] = [];
  for (const [label, raw] of cases) {
    const ops = validateOperations(raw);
    await applyOperations(source, ops);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = now();
      await applyOperations(source, ops);
      samples.push(now() - start);
    }
    rows.push(row(`edit 1024x1024: ${label}`, summarize(samples)));
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

  console.log('\nEdit operations:\n');
  console.log(table(HEADERS, await benchEdit(quick ? 2 : 10)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
