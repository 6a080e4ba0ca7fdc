import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { BuiltinRenderer, isAbortError, type ReferenceImage, type RenderContext, type RenderJob, type RenderOutput } from './index.js';

const threaded = new BuiltinRenderer({ renderThreads: 2 });
const inline = new BuiltinRenderer({ renderThreads: 0 });
afterAll(() => threaded.close());

async function referenceImage(): Promise<ReferenceImage> {
  const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04020' } }).png().toBuffer();
  return { assetId: 'ref-1', data };
}

function job(overrides: Partial<RenderJob>): RenderJob {
  return {
    prompt: 'a lighthouse on a cliff at dusk',
    width: 160,
    height: 120,
    seed: 7,
    count: 3,
    style: 'watercolor',
    watermark: true,
    references: [],
    doneIndexes: new Set<number>(),
    ...overrides,
  };
}

async function images(engine: BuiltinRenderer, j: RenderJob, signal = new AbortController().signal): Promise<RenderOutput[]> {
  const out: RenderOutput[] = [];
  const ctx: RenderContext = {
    signal,
    onImage: async (image) => {
      out.push(image);
    },
    onOutputError: async (error) => {
      throw new Error(`unexpected output error ${error.code}`);
    },
    onProgress: () => undefined,
  };
  await engine.run(j, ctx);
  return out;
}

describe('built-in engine on render threads', () => {
  it('draws the same bytes on worker threads as on the calling thread, references and watermark included', async () => {
    const j = job({ references: [await referenceImage()] });
    const [onThreads, onCaller] = await Promise.all([images(threaded, j), images(inline, j)]);
    expect(onThreads.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(onThreads.every((i) => Buffer.isBuffer(i.data) && i.mime === 'image/jpeg' && i.width === 160 && i.height === 120)).toBe(true);
    expect(onThreads.map((i) => i.data.equals(onCaller[i.index].data))).toEqual([true, true, true]);
    const meta = await sharp(onThreads[0].data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 160, 120]);
  });

  it('renders several jobs at once, one thread per image, each with its own style', async () => {
    const styles = ['pixel', 'low-poly', 'neon', 'ink'] as const;
    const sets = await Promise.all(styles.map((style) => images(threaded, job({ style, count: 1 }))));
    const expected = await Promise.all(styles.map((style) => images(inline, job({ style, count: 1 }))));
    expect(sets.map((s, k) => s[0].data.equals(expected[k][0].data))).toEqual([true, true, true, true]);
  });

  it('stops a canceled job without storing the images still being drawn', async () => {
    const controller = new AbortController();
    const stored: number[] = [];
    const ctx: RenderContext = {
      signal: controller.signal,
      onImage: async (image) => {
        stored.push(image.index);
        controller.abort();
      },
      onOutputError: async () => undefined,
      onProgress: () => undefined,
    };
    const error = await threaded.run(job({ count: 5, width: 256, height: 256 }), ctx).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(stored).toEqual([0]);
  });
});

describe('render thread memory', () => {
  const engine = new BuiltinRenderer({ renderThreads: 1 });
  afterAll(() => engine.close());

  // resvg's native pixels (64 KB per 128x128 image) are freed by finalizers that run from the thread's event loop:
  // a thread that never returns to its loop between tasks keeps every image it drew.
  it('frees what each small image took while renders keep coming', async () => {
    const set = (seed: number) => job({ width: 128, height: 128, count: 15, seed, watermark: false, style: 'flat' });
    for (let seed = 0; seed < 4; seed++) await images(engine, set(seed)); // warm: heaps and caches at their working size
    const rss: number[] = [];
    let drawn = 0;
    for (let seed = 100; seed < 170; seed++) {
      const out = await images(engine, set(seed));
      expect(out[0].mime).toBe('image/png'); // the resvg path
      drawn += out.length;
      rss.push(process.memoryUsage().rss);
    }
    expect(drawn).toBe(1050);
    // The lowest reading of the first and of the last ten sets: garbage waiting for a late collection (a busy machine
    // delays it) raises single readings, memory that is never freed raises them all.
    const floor = (readings: number[]) => Math.min(...readings);
    const grownMiB = (floor(rss.slice(-10)) - floor(rss.slice(0, 10))) / 2 ** 20;
    // Kept pixels would grow it by 60 sets x 15 x 64 KiB = 56 MiB.
    expect(grownMiB).toBeLessThan(28);
  });
});
