import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { saturationMatrix } from './color.js';
import { planSet } from './generate.js';
import { analyseReferences } from './references.js';
import { renderImage, type RenderedImage } from './render.js';
import { gradeMatrix, SMALL_RASTER_MAX_PIXELS } from './render-small.js';
import { BUILTIN_STYLES, styleSpec, type BuiltinStyle } from './styles.js';

/** Prompts that between them call up every motif family (land, sea, city, sky, flora, abstract, night). */
const PROMPTS = [
  'snowy mountains above a lake at dawn',
  'neon city skyline at night with a grid',
  'a sailing boat on a stormy sea',
  'tropical beach with palm trees at sunset',
  'a field of red flowers under a blue sky',
  'pine forest in the fog',
  'abstract circles in warm colours',
  'desert dunes under a starry sky with the moon',
  'autumn trees on rolling hills',
  'aurora over a frozen lake',
  'an underwater coral reef with fish',
  'a horse and a deer by a waterfall',
  'a red car on a road to a tower',
  'an astronaut on the moon',
  'a stone bridge over a river',
  'a cup of coffee and a vase of flowers on a table',
  'a candle, books and a bottle of wine at night',
  'a dragon flying over a castle',
  'sheep and cows on a farm',
  'a snowman and a christmas tree at night',
  'a train crossing a bridge over a river at sunset',
  'portrait of a woman',
];

/** Square, portrait, landscape, and the extremes the small path accepts (side 32, aspect 4:1, 16 384 pixels). */
const SIZES: Array<[number, number]> = [[64, 64], [96, 128], [128, 32], [32, 128], [256, 64], [45, 91], [128, 128]];

async function render(prompt: string, style: BuiltinStyle, width: number, height: number, watermark = false): Promise<RenderedImage> {
  const set = planSet({ prompt, seed: 11, style, width, height });
  return renderImage({ plan: set.plan, width, height, imageSeed: set.imageSeed(0), setSeed: set.setSeed, watermark });
}

async function meanRgb(data: Buffer): Promise<number[]> {
  const stats = await sharp(data).removeAlpha().stats();
  return stats.channels.slice(0, 3).map((c) => c.mean);
}

describe('small outputs (resvg path)', () => {
  it('draws every style and motif family at small sizes as PNGs of the asked size', async () => {
    // A native renderer that aborts on a construct the scenes use would end this process: this walks them all.
    for (const style of BUILTIN_STYLES) {
      for (const [k, prompt] of PROMPTS.entries()) {
        const [width, height] = SIZES[k % SIZES.length];
        const image = await render(prompt, style, width, height);
        const meta = await sharp(image.data).metadata();
        const expected = style === 'pixel' ? 'jpeg' : 'png';
        expect([style, prompt, meta.format, meta.width, meta.height]).toEqual([style, prompt, expected, width, height]);
        expect(image.mime).toBe(`image/${expected}`);
      }
    }
  }, 120_000);

  it('keeps larger outputs, and small ones that carry a watermark, on the libvips path (JPEG)', async () => {
    expect(129 * 128).toBeGreaterThan(SMALL_RASTER_MAX_PIXELS);
    expect((await render(PROMPTS[0], 'flat', 129, 128)).mime).toBe('image/jpeg');
    // Strips (the scene is cropped to them) and slivers: resvg would abort the process on these.
    for (const [width, height] of [[256, 16], [4096, 1], [1, 4096], [512, 8]]) {
      expect((await render(PROMPTS[1], 'film', width, height)).mime).toBe('image/jpeg');
    }
    const marked = await render(PROMPTS[0], 'flat', 128, 128, true);
    expect(marked.mime).toBe('image/jpeg');
    expect((await render(PROMPTS[0], 'flat', 128, 128, false)).mime).toBe('image/png');
    // Too small for a legible mark: no watermark is drawn, so the small path applies.
    expect((await render(PROMPTS[0], 'flat', 64, 64, true)).mime).toBe('image/png');
  });

  it('draws reference images into small outputs (their wash is an embedded PNG)', async () => {
    const data = await sharp({ create: { width: 80, height: 60, channels: 3, background: '#d02010' } }).png().toBuffer();
    const references = [{ assetId: 'r1', mime: 'image/png', width: 80, height: 60, data }];
    const set = planSet({ prompt: PROMPTS[0], seed: 11, style: 'flat', width: 96, height: 96, refs: await analyseReferences(references) });
    expect(set.referenceWash).toBeDefined();
    const input = { plan: set.plan, width: 96, height: 96, imageSeed: set.imageSeed(0), setSeed: set.setSeed, watermark: false };
    const [withWash, without] = await Promise.all([renderImage({ ...input, referenceWash: set.referenceWash }), renderImage(input)]);
    expect(withWash.mime).toBe('image/png');
    const [a, b] = await Promise.all([meanRgb(withWash.data), meanRgb(without.data)]);
    expect(a[0] - a[2]).toBeGreaterThan(b[0] - b[2]); // the red reference shows through
  });

  it('is deterministic: same prompt, seed and size give the same bytes', async () => {
    const [a, b] = await Promise.all([render(PROMPTS[3], 'film', 96, 64), render(PROMPTS[3], 'film', 96, 64)]);
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('grades colours like the libvips path: the matrix is recomb followed by linear', async () => {
    const style = styleSpec('film');
    const g = style.grade!;
    const matrix = gradeMatrix(style)!;
    const pixel = [200, 120, 40];
    const warm = g.warm ?? 0;
    const k = (255 - (g.lift ?? 0)) / 255;
    const viaSharp = await sharp(Buffer.from(pixel), { raw: { width: 1, height: 1, channels: 3 } })
      .recomb(saturationMatrix(g.saturation ?? 1, [1 + warm, 1 + warm * 0.15, 1 - warm]))
      .linear((g.contrast ?? 1) * k, 128 * (1 - (g.contrast ?? 1)) * k + (g.lift ?? 0))
      .raw()
      .toBuffer();
    const viaMatrix = [0, 1, 2].map((row) => {
      const r = matrix.slice(row * 5, row * 5 + 5);
      return Math.round(255 * (r[0] * (pixel[0] / 255) + r[1] * (pixel[1] / 255) + r[2] * (pixel[2] / 255) + r[4]));
    });
    viaMatrix.forEach((v, i) => expect(Math.abs(v - viaSharp[i])).toBeLessThanOrEqual(1));
    expect(gradeMatrix(styleSpec('flat'))).toBeUndefined();
  });

  it('looks like the same picture drawn large: the mean colour of each style stays close', async () => {
    for (const style of ['film', 'neon', 'retro', 'watercolor'] as const) {
      const small = await render(PROMPTS[0], style, 128, 128);
      const large = await render(PROMPTS[0], style, 512, 512);
      const [a, b] = await Promise.all([meanRgb(small.data), meanRgb(large.data)]);
      const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      // Small outputs carry no grain or paper fibres, which darken large ones by a few levels on average; without
      // the grade, film would be ~16 levels off.
      expect([style, distance < 10]).toEqual([style, true]);
    }
  }, 60_000);
});
