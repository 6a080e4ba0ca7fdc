/**
 * Where the built-in engine's images are drawn: on worker threads (the default in a server), so that building a
 * scene's SVG and driving libvips never holds up the event loop that answers HTTP requests and stores results,
 * or inline on the calling thread (threads = 0: tests, scripts).
 *
 * The pool is started on the first render, so a process that never renders with the built-in engine starts no
 * threads. At most `threads` images are drawn at once; further renders wait in the pool's queue, which bounds
 * the CPU and memory the engine takes however many jobs the queue runs concurrently.
 */
import { Piscina } from 'piscina';
import type { RenderedImage } from './render.js';
import { throwIfAborted } from './errors.js';
import { drawSetImage, type SetImageRenderer, type SetImageRequest } from './generate.js';

/** Worker entry: compiled JavaScript next to this file, or the TypeScript source when running from source (tests). */
function workerEntry(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = new URL(fromSource ? './render-worker.ts' : './render-worker.js', import.meta.url).href;
  return { filename, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export class RenderPool implements SetImageRenderer {
  private pool?: Piscina<SetImageRequest, RenderedImage>;

  constructor(readonly threads: number) {}

  async render(request: SetImageRequest, signal?: AbortSignal): Promise<RenderedImage> {
    if (this.threads <= 0) return drawSetImage(request, signal);
    throwIfAborted(signal);
    const image = await this.started().run(request);
    throwIfAborted(signal);
    // Structured clone hands back a Uint8Array: view the same memory as a Buffer.
    return { ...image, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private started(): Piscina<SetImageRequest, RenderedImage> {
    if (!this.pool) {
      const { filename, execArgv } = workerEntry();
      this.pool = new Piscina({
        filename,
        execArgv,
        minThreads: this.threads,
        maxThreads: this.threads,
        // One task per thread at a time: a render is CPU-bound, and queued renders wait in one fair FIFO.
        concurrentTasksPerWorker: 1,
        // Tasks arrive as message events, so the thread's event loop turns between renders. Piscina's default
        // (Atomics.wait between tasks) never returns to the loop while work keeps coming, and the finalizers that
        // free resvg's native images run from the loop: with it, every small render leaked its pixels (~20 KB at
        // 64x64) for as long as the server was busy (docs/benchmarks.md, "Fifth round").
        atomics: 'disabled',
      });
    }
    return this.pool;
  }
}
