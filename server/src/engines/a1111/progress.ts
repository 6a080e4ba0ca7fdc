import type { EngineContext } from '../engine.js';
import type { LocalHttp } from '../local/http.js';

const POLL_MS = 1000;

/**
 * Runs `call` while reading /progress every second and reporting its fraction. A progress read that fails is
 * skipped: it says nothing about the generation itself.
 */
export async function followProgress<T>(http: LocalHttp, ctx: EngineContext, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  let done = false;
  let wake = () => {};
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const poll = async () => {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, POLL_MS)))]);
      clearTimeout(timer);
      if (done || ctx.signal.aborted) return;
      const p = await http.json<{ progress?: unknown }>('GET', '/sdapi/v1/progress?skip_current_image=true', undefined,
        AbortSignal.timeout(Math.min(timeoutMs, 10_000))).catch(() => undefined);
      if (!done && typeof p?.progress === 'number' && p.progress > 0) ctx.onProgress(Math.min(0.99, p.progress));
    }
  };
  const polling = poll();
  try {
    return await call();
  } finally {
    done = true;
    wake();
    await polling;
  }
}
