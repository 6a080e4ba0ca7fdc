/** The engines the fault run can aim at: each with its conformance stub, its settings and the faults it injects. */
import { A1111Stub, type A1111Scenario } from '../../server/src/test-support/stubs/a1111-stub.js';
import { ComfyUiStub, type ComfyScenario } from '../../server/src/test-support/stubs/comfyui-stub.js';
import { ModelArkStub, type ModelArkScenario } from '../../server/src/test-support/stubs/modelark-stub.js';

export interface RunningStub<S> {
  /** The engine settings that point at this stub, with the provider timeout. */
  env(timeoutMs: number): Record<string, string>;
  setFallback(pick: (n: number) => S): void;
  /** Calls that did work (generation calls; not progress reads, lists or downloads). */
  calls(): number;
  close(): Promise<void>;
}

export interface FaultTarget<S> {
  engine: string;
  success: S;
  /** The fault for a roll in [0, 1): its name in the report and the scenario. */
  pick(roll: number, timeoutMs: number): [string, S];
  start(): Promise<RunningStub<S>>;
}

const KEY = 'ark-bench-key';

const seedream: FaultTarget<ModelArkScenario> = {
  engine: 'seedream',
  success: { kind: 'success' },
  pick: (roll, timeoutMs) =>
    roll < 0.2 ? ['429 + Retry-After: 1', { kind: 'error', status: 429, retryAfter: '1' }]
      : roll < 0.4 ? ['429', { kind: 'error', status: 429 }]
        : roll < 0.7 ? ['500', { kind: 'error', status: 500 }]
          : ['timeout', { kind: 'slow', delayMs: timeoutMs * 3 }],
  async start() {
    const stub = await ModelArkStub.start({ apiKey: KEY });
    return {
      env: (timeoutMs) => ({ ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url, ATELIER_SEEDREAM_TIMEOUT_MS: String(timeoutMs) }),
      setFallback: (pick) => stub.script.setFallback(pick),
      calls: () => stub.requests.length,
      close: () => stub.close(),
    };
  },
};

const a1111: FaultTarget<A1111Scenario> = {
  engine: 'a1111',
  success: { kind: 'success' },
  pick: (roll, timeoutMs) =>
    roll < 0.35 ? ['500', { kind: 'error', status: 500 }]
      : roll < 0.7 ? ['503', { kind: 'error', status: 503 }]
        : ['timeout', { kind: 'slow', delayMs: timeoutMs * 3 }],
  async start() {
    const stub = await A1111Stub.start();
    return {
      env: (timeoutMs) => ({ ATELIER_A1111_URL: stub.url, ATELIER_A1111_TIMEOUT_MS: String(timeoutMs) }),
      setFallback: (pick) => stub.script.setFallback(pick),
      calls: () => stub.jobs.length,
      close: () => stub.close(),
    };
  },
};

const comfyui: FaultTarget<ComfyScenario> = {
  engine: 'comfyui',
  success: { kind: 'success' },
  pick: (roll) =>
    roll < 0.35 ? ['503 on /prompt', { kind: 'error', status: 503 }]
      : roll < 0.7 ? ['out of memory', { kind: 'execution_error', exceptionType: 'torch.cuda.OutOfMemoryError' }]
        : ['stalled prompt', { kind: 'silent' }],
  async start() {
    const stub = await ComfyUiStub.start();
    return {
      env: (timeoutMs) => ({ ATELIER_COMFYUI_URL: stub.url, ATELIER_COMFYUI_TIMEOUT_MS: String(timeoutMs), ATELIER_COMFYUI_POLL_MS: '50' }),
      setFallback: (pick) => stub.script.setFallback(pick),
      calls: () => stub.requests.filter((r) => r.path === '/prompt').length,
      close: () => stub.close(),
    };
  },
};

export const FAULT_TARGETS: Record<string, FaultTarget<any>> = { seedream, a1111, comfyui };
