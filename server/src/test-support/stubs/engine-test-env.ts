/** Helpers for tests of the provider engines: config from env-style settings, and retry waits recorded, not slept. */
import { EnvReader } from '../../config.js';
import { loadEngineConfig, type EngineConfig } from '../../engines/engine-config.js';
import type { ProviderRuntime } from '../../engines/provider/runtime.js';

/**
 * The engine settings that these environment variables give (the same reader the server uses at start). The
 * built-in engine draws on the test's own thread unless ATELIER_RENDER_THREADS says otherwise.
 */
export function engineConfig(env: Record<string, string>): EngineConfig {
  const r = new EnvReader({ ATELIER_RENDER_THREADS: '0', ...env });
  const config = loadEngineConfig(r);
  if (r.problems.length > 0) throw new Error(r.problems.join('\n'));
  return config;
}

/** Retry waits are recorded and skipped, so tests see which delays were chosen without sleeping through them. */
export class RecordingRuntime implements ProviderRuntime {
  readonly sleeps: number[] = [];

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal.aborted) throw signal.reason;
  }

  random(): number {
    return 0.5;
  }

  now(): number {
    return performance.now();
  }
}

export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
