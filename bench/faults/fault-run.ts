/**
 * Fault run: a model engine against its conformance stub while the stub fails a share of calls: Seedream against
 * the ModelArk stub (default), or a local engine (`--engine=a1111` against the Automatic1111 stub, `--engine=comfyui`
 * against the ComfyUI stub, its websocket included).
 *
 * The real app runs in this process on a temp data folder, with Seedream configured against the stub on
 * 127.0.0.1. Every generation is submitted at once (`POST /api/v1/generations`, one image at 1K); the stub answers
 * each call with a fault at the given rate — a random mix of 429 (half of them with `Retry-After: 1`, longer than
 * the longest in-worker wait here, so those jobs go back to the queue), 500, and answers slower than the timeout —
 * and succeeds otherwise. Local engines get their own faults: A1111 500, 503 and answers slower than the timeout;
 * ComfyUI a 503 on /prompt, a node running out of memory, and a prompt that stalls (no news: deleted from the queue
 * and retried). The run ends when every generation has ended, or at the deadline; what is still queued or
 * running then is "stuck" (it must be 0). A baseline run without faults gives the retry overhead.
 *
 *   npm run bench:faults -w bench
 *   npm run bench:faults -w bench -- --generations=200 --fault-rate=0.3 --workers=8 --seed=1
 *   npm run bench:faults -w bench -- --engine=comfyui
 *
 * Options: --engine (seedream, a1111, comfyui), --generations, --fault-rate (0..1), --workers (worker concurrency), --seed (the stub's fault dice),
 * --timeout-ms (provider timeout), --retries, --retry-base-ms, --retry-max-ms, --deadline-s.
 *
 * Benchmarks print numbers; nothing here asserts on them.
 */
import type { FastifyInstance } from 'fastify';
import { engineConfig } from '../../server/src/test-support/stubs/engine-test-env.js';
import { Rng } from '@atelier/engine-builtin';
import { startBenchApp } from '../support/app.js';
import { Args } from '../support/args.js';
import { CpuWindow, machineLine } from '../support/machine.js';
import { ms, now, num, sleep, summarize, table } from '../support/stats.js';
import { FAULT_TARGETS, type FaultTarget } from './targets.js';

const args = new Args();
const ENGINE = args.string('engine', 'seedream');
const GENERATIONS = args.number('generations', 200);
const FAULT_RATE = args.number('fault-rate', 0.3);
const WORKERS = args.number('workers', 8);
const SEED = args.number('seed', 1);
const TIMEOUT_MS = args.number('timeout-ms', 400);
const RETRIES = args.number('retries', 4);
const RETRY_BASE_MS = args.number('retry-base-ms', 50);
const RETRY_MAX_MS = args.number('retry-max-ms', 500);
const DEADLINE_S = args.number('deadline-s', 300);

interface RunResult {
  label: string;
  wallMs: number;
  latencies: number[];
  succeeded: number;
  failed: number;
  stuck: number;
  reasons: Map<string, number>;
  calls: number;
  faults: Map<string, number>;
  cpuOther: number | undefined;
}

/** Replayable: the same seed gives the same run. */
function faultPicker<S>(target: FaultTarget<S>, rate: number, seed: number, faults: Map<string, number>): (n: number) => S {
  const seededRng = new Rng(seed);
  const random = () => seededRng.next();
  return () => {
    if (random() >= rate) return target.success;
    const [name, scenario] = target.pick(random(), TIMEOUT_MS);
    faults.set(name, (faults.get(name) ?? 0) + 1);
    return scenario;
  };
}

async function signUp(app: FastifyInstance): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: `bench-${Date.now()}@example.test`, password: 'bench password 123', name: 'Bench' } });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

async function runOnce(label: string, rate: number): Promise<RunResult> {
  const target = FAULT_TARGETS[ENGINE] as FaultTarget<unknown> | undefined;
  if (!target) throw new Error(`--engine must be one of ${Object.keys(FAULT_TARGETS).join(', ')}`);
  const stub = await target.start();
  const faults = new Map<string, number>();
  stub.setFallback(faultPicker(target, rate, SEED, faults));
  const bench = await startBenchApp({
    listen: false,
    config: {
      workerConcurrency: WORKERS,
      engines: engineConfig({
        ...stub.env(TIMEOUT_MS),
        ATELIER_ENGINE_RETRIES: String(RETRIES), ATELIER_ENGINE_RETRY_BASE_MS: String(RETRY_BASE_MS), ATELIER_ENGINE_RETRY_MAX_MS: String(RETRY_MAX_MS),
      }),
    },
  });
  const ended = new Map<string, number>();
  const publish = bench.services.events.publish.bind(bench.services.events);
  bench.services.events.publish = (id, event) => {
    if (event.type === 'status' && !['queued', 'running'].includes(String(event.status))) ended.set(id, now());
    publish(id, event);
  };
  try {
    const headers = await signUp(bench.app);
    const cpu = new CpuWindow();
    const started = new Map<string, number>();
    const t0 = now();
    for (let i = 0; i < GENERATIONS; i++) {
      const at = now();
      const res = await bench.app.inject({ method: 'POST', url: '/api/v1/generations', headers, payload: { engine: target.engine, prompt: `fault run ${i}`, size: '1K' } });
      if (res.statusCode !== 202) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
      started.set((res.json() as { id: string }).id, at);
    }
    const deadline = t0 + DEADLINE_S * 1000;
    while (ended.size < GENERATIONS && now() < deadline) await sleep(50);
    const wallMs = now() - t0;
    const rows = await bench.services.db.selectFrom('generations').select(['id', 'status', 'error']).execute();
    const reasons = new Map<string, number>();
    let succeeded = 0;
    let failed = 0;
    let stuck = 0;
    for (const r of rows) {
      if (r.status === 'succeeded') succeeded++;
      else if (r.status === 'queued' || r.status === 'running') stuck++;
      else {
        failed++;
        const e = r.error ? (JSON.parse(r.error) as { code: string; message: string }) : { code: 'none', message: '(no reason)' };
        const key = `${e.code}: ${e.message}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
    }
    const latencies = [...started].filter(([id]) => ended.has(id)).map(([id, at]) => ended.get(id)! - at);
    return { label, wallMs, latencies, succeeded, failed, stuck, reasons, calls: stub.calls(), faults, cpuOther: cpu.read().otherCores };
  } finally {
    await bench.close();
    await stub.close();
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`engine: ${ENGINE}`);
  console.log(`${GENERATIONS} generations (1 image, 1K), ${WORKERS} workers; timeout ${TIMEOUT_MS} ms, ${RETRIES} retries, ` +
    `backoff ${RETRY_BASE_MS}..${RETRY_MAX_MS} ms; fault dice seed ${SEED}\n`);
  const baseline = await runOnce('no faults', 0);
  const faulty = await runOnce(`${Math.round(FAULT_RATE * 100)} % faults`, FAULT_RATE);
  const rows = [baseline, faulty].map((r) => {
    const s = summarize(r.latencies);
    return [
      r.label, num(r.succeeded), num(r.failed), num(r.stuck), num(r.calls), (r.calls / GENERATIONS).toFixed(2),
      ms(s.p50), ms(s.p95), ms(s.max), (r.wallMs / 1000).toFixed(1), r.cpuOther === undefined ? '–' : r.cpuOther.toFixed(2),
    ];
  });
  console.log(table(['run', 'succeeded', 'failed', 'stuck', 'provider calls', 'calls/gen', 'e2e p50 ms', 'e2e p95 ms', 'e2e max ms', 'wall s', 'other procs'], rows));
  console.log(`\nfaults injected: ${[...faulty.faults].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`);
  console.log(`retry overhead: +${faulty.calls - baseline.calls} provider calls (+${((faulty.calls / baseline.calls - 1) * 100).toFixed(0)} %), ` +
    `wall time ×${(faulty.wallMs / baseline.wallMs).toFixed(2)}, p50 ×${(summarize(faulty.latencies).p50 / summarize(baseline.latencies).p50).toFixed(2)}`);
  for (const r of [baseline, faulty]) for (const [reason, n] of r.reasons) console.log(`${r.label}: failed ×${n}: ${reason}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
