import type { A1111Settings } from '../engine-config.js';
import type { EngineContext } from '../engine.js';
import type { LocalHttp } from '../local/http.js';

/**
 * Runs `call` while reading /progress (every second by default) and reporting its fraction and live preview (the
 * web UI's current image). A progress read that fails is skipped: it says nothing about the generation itself.
 */
export async function followProgress<T>(http: LocalHttp, ctx: EngineContext, settings: Pick<A1111Settings, 'timeoutMs' | 'progressMs'>,
  call: () => Promise<T>): Promise<T> {
  let done = false;
  let wake = () => {};
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const poll = async () => {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, settings.progressMs)))]);
      clearTimeout(timer);
      if (done || ctx.signal.aborted) return;
      // The live preview (current_image, base64) is asked for only where someone shows it.
      const skipImage = ctx.onPreview ? 'false' : 'true';
      const p = await http.json<{ progress?: unknown; current_image?: unknown }>('GET', `/sdapi/v1/progress?skip_current_image=${skipImage}`,
        undefined, AbortSignal.timeout(Math.min(settings.timeoutMs, 10_000))).catch(() => undefined);
      if (done) return;
      if (typeof p?.progress === 'number' && p.progress > 0) ctx.onProgress(Math.min(0.99, p.progress));
      if (typeof p?.current_image === 'string' && p.current_image) ctx.onPreview?.({ data: Buffer.from(p.current_image, 'base64') });
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
