import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sceneDetail, sceneSvg } from './compose.js';
import { planSet } from './generate.js';
import { BUILTIN_STYLES, BuiltinRenderer, EngineInputError, type BuiltinStyle, type ReferenceImage, type RenderContext, type RenderJob, type RenderOutput, type RenderOutputError } from './index.js';
import { varyPalette } from './palette.js';
import { Rng } from './rng.js';

const engine = new BuiltinRenderer();

function job(overrides: Partial<RenderJob> = {}): RenderJob {
  return {
    prompt: 'sunset over the ocean',
    width: 256,
    height: 192,
    seed: 42,
    count: 1,
    style: 'flat',
    watermark: false,
    references: [],
    doneIndexes: new Set<number>(),
    ...overrides,
  };
}

interface RunResult {
  images: RenderOutput[];
  errors: RenderOutputError[];
  progress: number[];
}

async function run(j: RenderJob, hooks: { signal?: AbortSignal; onImage?: (image: RenderOutput) => void } = {}): Promise<RunResult> {
  const out: RunResult = { images: [], errors: [], progress: [] };
  const ctx: RenderContext = {
    signal: hooks.signal ?? new AbortController().signal,
    onImage: async (image) => {
      out.images.push(image);
      hooks.onImage?.(image);
    },
    onOutputError: async (error) => {
      out.errors.push(error);
    },
    onProgress: (fraction) => {
      out.progress.push(fraction);
    },
  };
  await engine.run(j, ctx);
  return out;
}

async function one(j: Partial<RenderJob>): Promise<RenderOutput> {
  const { images, errors } = await run(job(j));
  expect(errors).toEqual([]);
  expect(images).toHaveLength(1);
  return images[0];
}

async function meanRgb(data: Buffer): Promise<[number, number, number]> {
  const stats = await sharp(data).stats();
  return [stats.channels[0].mean, stats.channels[1].mean, stats.channels[2].mean];
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Mean absolute per-channel difference between two same-size images. */
async function pixelDifference(a: Buffer, b: Buffer): Promise<number> {
  const [ra, rb] = await Promise.all([sharp(a).raw().toBuffer(), sharp(b).raw().toBuffer()]);
  let acc = 0;
  for (let i = 0; i < ra.length; i++) acc += Math.abs(ra[i] - rb[i]);
  return acc / ra.length;
}

async function solidReference(colour: string): Promise<ReferenceImage> {
  const data = await sharp({ create: { width: 64, height: 64, channels: 3, background: colour } }).png().toBuffer();
  return { assetId: `ref-${colour}`, data };
}

describe('generate: output and determinism', () => {
  it('returns a JPEG of the requested size', async () => {
    const image = await one({ width: 320, height: 200 });
    expect(image.mime).toBe('image/jpeg');
    expect([image.width, image.height]).toEqual([320, 200]);
    const meta = await sharp(image.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([320, 200]);
  });

  it('gives identical bytes for identical inputs, in every style', async () => {
    for (const style of BUILTIN_STYLES) {
      const a = await one({ style, prompt: 'a cat watching the stars over the sea' });
      const b = await one({ style, prompt: 'a cat watching the stars over the sea' });
      expect(a.data.equals(b.data), style).toBe(true);
    }
  });

  it('is deterministic without a style too (the style is picked from prompt and seed)', async () => {
    const a = await one({ style: undefined, prompt: 'misty forest' });
    const b = await one({ style: undefined, prompt: 'misty forest' });
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('changes with the seed and with the prompt', async () => {
    const base = await one({ seed: 1 });
    const otherSeed = await one({ seed: 2 });
    const otherPrompt = await one({ seed: 1, prompt: 'neon city at night' });
    expect(base.data.equals(otherSeed.data)).toBe(false);
    expect(await pixelDifference(base.data, otherSeed.data)).toBeGreaterThan(2);
    expect(await pixelDifference(base.data, otherPrompt.data)).toBeGreaterThan(10);
  });

  it('renders something for prompts it does not understand, different per prompt', async () => {
    const a = await one({ prompt: 'xyzzy plugh', style: 'low-poly' });
    const b = await one({ prompt: 'quux frobnicate', style: 'low-poly' });
    const empty = await one({ prompt: '', style: 'low-poly' });
    for (const image of [a, b, empty]) {
      const stats = await sharp(image.data).stats();
      // Not a blank canvas: real variation in every channel.
      for (const c of stats.channels.slice(0, 3)) expect(c.stdev).toBeGreaterThan(3);
    }
    expect(await pixelDifference(a.data, b.data)).toBeGreaterThan(3);
  });
});

describe('generate: prompt words steer the picture', () => {
  it('colour and mood words drive the palette', async () => {
    const [ocean, desert, night, day, red, green] = await Promise.all([
      one({ prompt: 'deep blue ocean', style: 'flat' }),
      one({ prompt: 'golden desert dunes', style: 'flat' }),
      one({ prompt: 'mountains at night', style: 'flat' }),
      one({ prompt: 'mountains on a sunny day', style: 'flat' }),
      one({ prompt: 'red abstract shapes', style: 'flat' }),
      one({ prompt: 'green abstract shapes', style: 'flat' }),
    ]);
    const [oR, , oB] = await meanRgb(ocean.data);
    const [dR, , dB] = await meanRgb(desert.data);
    expect(oB - oR).toBeGreaterThan(dB - dR + 40);
    const luma = async (d: Buffer) => {
      const [r, g, b] = await meanRgb(d);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(await luma(night.data)).toBeLessThan((await luma(day.data)) - 40);
    const [rR, rG] = await meanRgb(red.data);
    const [gR, gG] = await meanRgb(green.data);
    expect(rR - rG).toBeGreaterThan(gR - gG + 30);
  });
});

describe('generate: sets', () => {
  it('varies images within a set while keeping the palette', async () => {
    const { images, progress } = await run(job({ count: 3, prompt: 'sunset over the ocean' }));
    expect(images.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(progress.at(-1)).toBe(1);
    expect(images[0].data.equals(images[1].data)).toBe(false);
    expect(images[1].data.equals(images[2].data)).toBe(false);
    expect(await pixelDifference(images[0].data, images[1].data)).toBeGreaterThan(2);

    const other = await one({ prompt: 'snowy pine forest at noon' });
    const [m0, m1, mOther] = await Promise.all([meanRgb(images[0].data), meanRgb(images[1].data), meanRgb(other.data)]);
    // Siblings share the palette: their average colours are far closer to each other than to another prompt's.
    expect(distance(m0, m1)).toBeLessThan(25);
    expect(distance(m0, m1) * 2).toBeLessThan(distance(m0, mOther));
  });

  it('renders index i the same whether alone or in a full set, and skips done indexes', async () => {
    const full = await run(job({ count: 4, style: 'watercolor' }));
    const retry = await run(job({ count: 4, style: 'watercolor', doneIndexes: new Set([0, 2]) }));
    expect(retry.images.map((i) => i.index)).toEqual([1, 3]);
    expect(retry.images[0].data.equals(full.images[1].data)).toBe(true);
    expect(retry.images[1].data.equals(full.images[3].data)).toBe(true);
    expect(retry.progress[0]).toBe(0.5);
    expect(retry.progress.at(-1)).toBe(1);
  });

  it('does nothing when every index is already done', async () => {
    const { images, progress } = await run(job({ count: 2, doneIndexes: new Set([0, 1]) }));
    expect(images).toEqual([]);
    expect(progress).toEqual([1]);
  });

  it('streams images in index order with rising progress', async () => {
    const { images, progress } = await run(job({ count: 5, width: 96, height: 64 }));
    expect(images.map((i) => i.index)).toEqual([0, 1, 2, 3, 4]);
    expect(progress).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('generate: styles', () => {
  it('every preset looks different from every other', async () => {
    const images = await Promise.all(BUILTIN_STYLES.map((style) => one({ style, prompt: 'mountains and a lake at sunset' })));
    for (let a = 0; a < images.length; a++) {
      for (let b = a + 1; b < images.length; b++) {
        expect(await pixelDifference(images[a].data, images[b].data), `${BUILTIN_STYLES[a]} vs ${BUILTIN_STYLES[b]}`).toBeGreaterThan(4);
      }
    }
  });

  it('pixel style is made of hard-edged square blocks', async () => {
    const image = await one({ style: 'pixel', width: 448, height: 448 });
    // 448 / 112 cells = 4 px blocks: inside a block neighbours match closely, across block borders they jump.
    const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
    let inside = 0;
    let across = 0;
    for (let y = 0; y < info.height; y++) {
      for (let x = 1; x < info.width; x++) {
        const d = Math.abs(data[(y * info.width + x) * 3] - data[(y * info.width + x - 1) * 3]);
        if (x % 4 === 0) across += d;
        else inside += d;
      }
    }
    expect(across / (info.height * (info.width / 4))).toBeGreaterThan((inside / (info.height * info.width * 0.75)) * 2);
  });
});

describe('generate: references', () => {
  it('a red reference pulls the colours toward red, a blue one toward blue', async () => {
    const prompt = 'calm hills';
    const plain = await one({ prompt, style: 'pastel' });
    const red = await one({ prompt, style: 'pastel', references: [await solidReference('#d01010')] });
    const blue = await one({ prompt, style: 'pastel', references: [await solidReference('#1030d0')] });
    const redness = async (d: Buffer) => {
      const [r, g, b] = await meanRgb(d);
      return r - (g + b) / 2;
    };
    expect(await redness(red.data)).toBeGreaterThan((await redness(plain.data)) + 15);
    expect(await redness(blue.data)).toBeLessThan((await redness(plain.data)) - 5);
  });

  it('uses the reference layout: a high horizon in the reference raises the horizon', async () => {
    const twoTone = async (horizon: number) => {
      const h = 64;
      const split = Math.round(h * horizon);
      const data = await sharp({ create: { width: 64, height: h, channels: 3, background: '#203040' } })
        .composite([{ input: { create: { width: 64, height: split, channels: 3, background: '#e0e8f0' } }, left: 0, top: 0 }])
        .png()
        .toBuffer();
      return { assetId: `h${horizon}`, data } satisfies ReferenceImage;
    };
    const highRef = await one({ prompt: 'sea', style: 'flat', references: [await twoTone(0.35)] });
    const lowRef = await one({ prompt: 'sea', style: 'flat', references: [await twoTone(0.8)] });
    // Row profile: where the picture turns from sky to water shows up as the largest brightness step.
    const horizonRow = async (d: Buffer) => {
      const { data, info } = await sharp(d).greyscale().raw().toBuffer({ resolveWithObject: true });
      const rows = Array.from({ length: info.height }, (_, y) => {
        let s = 0;
        for (let x = 0; x < info.width; x++) s += data[y * info.width + x];
        return s / info.width;
      });
      let best = 0;
      let bestStep = -1;
      for (let y = 4; y < rows.length - 4; y++) {
        const step = Math.abs(rows.slice(y - 4, y).reduce((a, b) => a + b, 0) - rows.slice(y, y + 4).reduce((a, b) => a + b, 0));
        if (step > bestStep) {
          bestStep = step;
          best = y;
        }
      }
      return best / info.height;
    };
    expect(await horizonRow(highRef.data)).toBeLessThan(await horizonRow(lowRef.data));
  });

  it('rejects references that are not images with a clear error', async () => {
    const bad: ReferenceImage = { assetId: 'broken', data: Buffer.from('nope') };
    await expect(run(job({ references: [bad] }))).rejects.toThrow(/Reference image 1 \(broken\) could not be decoded/);
  });

  it('is deterministic with references', async () => {
    const ref = await solidReference('#33aa55');
    const a = await one({ references: [ref] });
    const b = await one({ references: [ref] });
    expect(a.data.equals(b.data)).toBe(true);
  });
});

describe('generate: sizes', () => {
  it.each([
    [64, 64],
    [1024, 768],
    [768, 1024],
    [4096, 1],
    [1, 4096],
    [97, 61],
  ])('renders %ix%i', async (width, height) => {
    for (const style of ['film', 'pixel', 'low-poly'] as const) {
      const image = await one({ width, height, style, watermark: true });
      const meta = await sharp(image.data).metadata();
      expect([meta.width, meta.height, image.width, image.height]).toEqual([width, height, width, height]);
    }
  });

  it('renders 4K', async () => {
    const image = await one({ width: 4096, height: 4096, style: 'watercolor', watermark: true });
    const meta = await sharp(image.data).metadata();
    expect([meta.width, meta.height]).toEqual([4096, 4096]);
  });

  it('rejects sizes, counts and styles outside its bounds', async () => {
    await expect(run(job({ width: 32, height: 32 }))).rejects.toThrow(/between 4096 and 16777216 pixels/);
    await expect(run(job({ width: 5000, height: 100 }))).rejects.toThrow(/at most 4096/);
    await expect(run(job({ width: 100.5, height: 100 }))).rejects.toThrow(/whole pixels/);
    await expect(run(job({ count: 16 }))).rejects.toThrow(/count/);
    await expect(run(job({ count: 0 }))).rejects.toThrow(/count/);
    await expect(run(job({ style: 'oil-painting' }))).rejects.toThrow(/Unknown style "oil-painting"/);
    await expect(run(job({ style: 'oil-painting' }))).rejects.toBeInstanceOf(EngineInputError);
  });
});

describe('generate: level of detail', () => {
  /** The scene SVG of image 0 of a square set drawn at a `px` x `px` raster, and the random stream after it. */
  async function scene(prompt: string, style: BuiltinStyle, size: number, px = size): Promise<{ svg: string; after: number }> {
    const set = planSet({ prompt, seed: 5, style, width: size, height: size });
    const rng = new Rng(set.imageSeed(0));
    const palette = varyPalette(set.plan.palette, rng.fork('palette'));
    const { svg } = sceneSvg({ plan: set.plan, palette, rng, width: size, height: size, pxWidth: px, pxHeight: px });
    return { svg, after: rng.next() };
  }
  const elements = (svg: string) => (svg.replace(/<defs>.*?<\/defs>/s, '').match(/<[a-z]/gi) ?? []).length;
  const prompts = [
    'a cat watching the stars over the sea', 'a lone tree in a flower meadow', 'city skyline at night', 'snowy pine forest at night',
    'tropical beach with palm trees', 'an underwater coral reef with fish', 'a car on a road through the hills', 'an astronaut on the moon',
    'a bowl of fruit and a cup of tea',
  ];

  it('follows the raster: full detail from 512 px on the shorter side, and for every output that size or larger', () => {
    expect(sceneDetail({ width: 64, height: 64, pxWidth: 64, pxHeight: 64 })).toBe(0.125);
    expect(sceneDetail({ width: 256, height: 192, pxWidth: 256, pxHeight: 192 })).toBeCloseTo(192 / 512, 2);
    expect(sceneDetail({ width: 512, height: 512, pxWidth: 512, pxHeight: 512 })).toBe(1);
    expect(sceneDetail({ width: 300, height: 1000, pxWidth: 300, pxHeight: 1000 })).toBeCloseTo(300 / 512, 2);
    // Pixel art and low-poly draw large outputs at a small raster on purpose: those images keep every detail.
    expect(sceneDetail({ width: 1024, height: 1024, pxWidth: 114, pxHeight: 114 })).toBe(1);
    // A strip beyond the widest scene aspect shows a slice of the scene, drawn larger than its shorter side says.
    expect(sceneDetail({ width: 4096, height: 100, pxWidth: 4096, pxHeight: 100 })).toBe(1);
  });

  it('draws a small raster with far fewer elements, from the same random stream as a large one', async () => {
    let small = 0;
    let large = 0;
    for (const prompt of prompts) {
      for (const style of ['flat', 'watercolor'] as const) {
        const a = await scene(prompt, style, 64);
        const b = await scene(prompt, style, 1024);
        small += elements(a.svg);
        large += elements(b.svg);
        // Every random number is drawn as at full detail: the small image keeps the large one's layout.
        expect(a.after, `${style}: ${prompt}`).toBe(b.after);
      }
    }
    expect(small * 5).toBeLessThan(large);
  });

  it('keeps every detail at 512 px and more: the scene is the same document at 512 and 1024 px', async () => {
    for (const prompt of prompts) {
      const a = await scene(prompt, 'flat', 512);
      const b = await scene(prompt, 'flat', 1024);
      expect(a.svg.replace('width="512" height="512"', '')).toBe(b.svg.replace('width="1024" height="1024"', ''));
      // Pixel art at 1024 px is drawn at a small raster, and with every detail too.
      const pixel = await scene(prompt, 'pixel', 1024, 114);
      expect(pixel.svg.replace('width="114" height="114"', '')).toBe((await scene(prompt, 'pixel', 1024)).svg.replace('width="1024" height="1024"', ''));
    }
  });

  it('draws small images deterministically, close in colour to the large picture', async () => {
    for (const style of ['flat', 'neon'] as const) {
      const prompt = 'a cat watching the stars over the sea';
      const a = await one({ prompt, style, width: 64, height: 64 });
      const b = await one({ prompt, style, width: 64, height: 64 });
      expect(a.data.equals(b.data), style).toBe(true);
      const large = await one({ prompt, style, width: 512, height: 512 });
      const small = await sharp(large.data).resize(64, 64).png().toBuffer();
      expect(distance(await meanRgb(a.data), await meanRgb(small)), style).toBeLessThan(6);
    }
  });
});

describe('generate: watermark', () => {
  it('marks the bottom-right corner only', async () => {
    const plain = await one({ width: 512, height: 384, watermark: false });
    const marked = await one({ width: 512, height: 384, watermark: true });
    const region = async (d: Buffer, left: number, top: number) =>
      sharp(d).extract({ left, top, width: 160, height: 30 }).raw().toBuffer();
    const [pc, mc, pt, mt] = await Promise.all([region(plain.data, 352, 354), region(marked.data, 352, 354), region(plain.data, 0, 0), region(marked.data, 0, 0)]);
    const diff = (a: Buffer, b: Buffer) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
    expect(diff(pc, mc)).toBeGreaterThan(5);
    expect(diff(pt, mt)).toBeLessThan(1);
  });
});

describe('generate: abort', () => {
  it('stops between images and throws an AbortError', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      run(job({ count: 6, width: 128, height: 96 }), {
        signal: controller.signal,
        onImage: (image) => {
          seen.push(image.index);
          controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0]);
  });

  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const images: RenderOutput[] = [];
    await expect(run(job({ count: 2 }), { signal: controller.signal, onImage: (i) => images.push(i) })).rejects.toMatchObject({ name: 'AbortError' });
    expect(images).toEqual([]);
  });
});
