/**
 * Benchmark of the classic edits (server/src/modules/edits) on a 1024² JPEG: single operations and a chain.
 *
 *   npm run bench:edits -w bench            (from the repository root)
 *   npm run bench:edits -w bench -- --quick (a short smoke run)
 *
 * Benchmarks print numbers; nothing here asserts on them.
 */
import sharp from 'sharp';
import { applyOperations, validateOperations } from '../../server/src/modules/edits/index.js';
import { machineLine } from '../support/machine.js';
import { ms, now, summarize, table, type Summary } from '../support/stats.js';

const quick = process.argv.includes('--quick');
const HEADERS = ['case', 'n', 'p50 ms', 'p95 ms', 'mean ms', 'max ms'];
const row = (label: string, s: Summary): string[] => [label, String(s.n), ms(s.p50), ms(s.p95), ms(s.mean), ms(s.max)];

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
  console.log('# Classic edits benchmark\n');
  console.log(machineLine());
  console.log(table(HEADERS, await benchEdit(quick ? 2 : 10)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
