import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { drawSetImage } from '../generate.js';
import { analysePrompt } from '../prompt.js';
import type { BuiltinStyle } from '../styles.js';
import { castle, headland, house, lighthouse, tower, windmill } from './buildings.js';
import { alphaAt as alpha, drawAlone as draw, lampPixels, motifScene as scene, paintedBox, planFor } from './test-fixtures.js';

describe('subject words for buildings', () => {
  it('reads lighthouses (by the sea) and houses of several kinds', () => {
    expect(analysePrompt('a lighthouse on a cliff at dusk').motifs).toEqual(expect.arrayContaining(['lighthouse', 'sea']));
    expect(analysePrompt('old beacon').motifs).toContain('lighthouse');
    for (const prompt of ['a cottage', 'two wooden cabins in the snow', 'a red barn', 'an alpine chalet', 'a farmhouse']) {
      expect(analysePrompt(prompt).motifs, prompt).toContain('house');
    }
    expect(analysePrompt('a mountain lake').motifs).not.toContain('house');
    expect(analysePrompt('a village in the hills').motifs).toContain('village');
    expect(analysePrompt('a mountain hamlet').motifs).toContain('village');
    expect(analysePrompt('a castle on a hill').motifs).toContain('castle');
    expect(analysePrompt('an old fortress').motifs).toContain('castle');
    expect(analysePrompt('a windmill in a tulip field').motifs).toEqual(expect.arrayContaining(['windmill', 'flowers']));
    for (const prompt of ['a tower on a hill', 'an old watchtower', 'a clock tower in the village']) expect(analysePrompt(prompt).motifs, prompt).toContain('tower');
  });

  it('towers in a city are its high-rises; a tower alone stands on the ground', () => {
    expect(planFor('city towers at night').motifs.has('tower')).toBe(false);
    expect(planFor('city towers at night').motifs.has('city')).toBe(true);
    expect(planFor('a tower at night').motifs.has('tower')).toBe(true);
    expect(planFor('a tower at night').motifs.has('city')).toBe(false);
  });
});

describe('lighthouse', () => {
  it('stands on its base: a tower taller than wide, its foot at the base point', () => {
    const s = scene('a lighthouse on a sunny coast');
    const box = paintedBox(draw(s, lighthouse(s, [500, 800], 1)));
    expect(box.bottom).toBeGreaterThanOrEqual(795);
    expect(box.bottom).toBeLessThanOrEqual(801);
    expect(box.bottom - box.top).toBeGreaterThan(175);
    expect(box.right - box.left).toBeLessThan(80);
    expect((box.left + box.right) / 2).toBeCloseTo(500, -1);
  });

  it('is dark by day; at night its lantern is lit and throws a beam over the sea on the side it faces', () => {
    const day = scene('a lighthouse on a sunny coast');
    const dayRaster = draw(day, lighthouse(day, [500, 800], 1));
    expect(lampPixels(dayRaster)).toBe(0);

    const night = () => scene('a lighthouse at night');
    expect(night().palette.night).toBe(true);
    const facingRight = night();
    const right = draw(facingRight, lighthouse(facingRight, [500, 800], 1));
    expect(lampPixels(right)).toBeGreaterThan(20);
    // The beam: light far out to the right of the tower just under its cap (the lantern), none as far out to the left.
    const beamRow = paintedBox(dayRaster).top + 25;
    expect(alpha(right, 800, beamRow)).toBeGreaterThan(10);
    expect(alpha(right, 200, beamRow)).toBe(0);

    const facingLeft = night();
    const left = draw(facingLeft, lighthouse(facingLeft, [500, 800], -1));
    expect(alpha(left, 200, beamRow)).toBeGreaterThan(10);
    expect(alpha(left, 800, beamRow)).toBe(0);
  });
});

describe('headland', () => {
  it('comes in from one side down to the bottom, and offers a site on its top above the horizon', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const s = scene('a lighthouse on a cliff', 'flat', seed);
      const land = headland(s);
      const r = draw(s, land.svg);
      const [site, below, above] = [land.site, land.site[1] + 15, land.site[1] - 40];
      expect(site[1]).toBeLessThan(s.horizon);
      expect(alpha(r, site[0], below)).toBeGreaterThan(200);
      expect(alpha(r, site[0], above)).toBe(0);
      // The side it comes from is land at the bottom; the cliff faces the open side.
      const sideX = land.facing === 1 ? 2 : 997;
      const openX = land.facing === 1 ? 997 : 2;
      expect(alpha(r, sideX, 990)).toBeGreaterThan(200);
      expect(alpha(r, openX, 700)).toBe(0);
    }
  });
});

describe.each([
  { name: 'house', subject: 'a cottage', draw: house, width: 200, widest: 240, minLit: 200 },
  // The towers' roofs overhang the wall a little; the keep and its flag rise above the towers.
  { name: 'castle', subject: 'a castle', draw: castle, width: 300, widest: 345, minLit: 100 },
])('$name', ({ subject, draw: build, width, widest, minLit }) => {
  it('stands on its base, about as wide as asked, rising well above its walls', () => {
    const s = scene(`${subject} in the hills`);
    const box = paintedBox(draw(s, build(s, [500, 800], width)));
    expect(box.bottom).toBeGreaterThanOrEqual(798);
    expect(box.bottom).toBeLessThanOrEqual(804);
    expect(box.right - box.left).toBeGreaterThanOrEqual(width);
    expect(box.right - box.left).toBeLessThanOrEqual(widest);
    // A roof (or the keep) above walls that are 0.58 of the width high.
    expect(800 - box.top).toBeGreaterThan(width * 0.58 + 40);
  });

  it('has lit windows at night only', () => {
    const day = scene(`${subject} on a sunny day`);
    const night = scene(`${subject} at night under the stars`);
    expect(lampPixels(draw(day, build(day, [500, 800], width)))).toBe(0);
    expect(lampPixels(draw(night, build(night, [500, 800], width)))).toBeGreaterThan(minLit);
  });
});

describe('tower', () => {
  it('stands on its base: narrow and tall, with a roof or battlements above its wall, lit slits at night only', () => {
    const roofs = new Set<number>();
    for (let seed = 1; seed <= 6; seed++) {
      const s = scene('a tower on a hill on a sunny day', 'flat', seed);
      const raster = draw(s, tower(s, [500, 800], 250));
      const box = paintedBox(raster);
      expect(box.bottom).toBeGreaterThanOrEqual(798);
      expect(box.bottom).toBeLessThanOrEqual(804);
      expect((box.left + box.right) / 2).toBeCloseTo(500, -1);
      expect(box.right - box.left).toBeLessThanOrEqual(250 * 0.34);
      expect(800 - box.top).toBeGreaterThan(250 * 1.05);
      roofs.add(800 - box.top > 250 * 1.25 ? 1 : 0);
      const night = scene('a tower at night', 'flat', seed);
      expect(lampPixels(draw(night, tower(night, [500, 800], 250)))).toBeGreaterThan(40);
      expect(lampPixels(raster)).toBe(0);
    }
    // Both tops occur: the pointed roof rises well above the battlements.
    expect(roofs).toEqual(new Set([0, 1]));
  });
});

describe('windmill', () => {
  it('stands on its base, its sails reaching out on both sides of the tower and above it', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = scene('a windmill in a field', 'flat', seed);
      const box = paintedBox(draw(s, windmill(s, [500, 800], 250)));
      expect(box.bottom).toBeGreaterThanOrEqual(798);
      // Four sails 0.62 of the height long, a quarter turn apart: they span at least 2 * 0.62 / sqrt(2) of it.
      expect(box.right - box.left).toBeGreaterThan(250 * 0.85);
      expect(box.top).toBeLessThan(800 - 250 - 250 * 0.4);
    }
  });
});

describe('buildings in a scene', () => {
  /** Lamp-lit pixels of the image the engine draws for a prompt. */
  async function litPixels(prompt: string, seed: number, style: BuiltinStyle): Promise<number> {
    const image = await drawSetImage({ set: { prompt, seed, style, width: 384, height: 256 }, index: 0, watermark: false });
    const { data, info } = await sharp(image.data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return lampPixels({ data, width: info.width, height: info.height, channels: 4 });
  }

  it('a prompt that names a house, a lighthouse, a castle or a village at night gets lit windows or a lantern; the same scene without them has none', async () => {
    // Low-poly draws the buildings whole over its facets, which would otherwise average their lights away.
    for (const style of ['flat', 'ink', 'low-poly'] as const) {
      for (const seed of [1, 2, 3]) {
        expect(await litPixels('a cottage in the hills at night', seed, style), `${style} ${seed}`).toBeGreaterThan(10);
        expect(await litPixels('the hills at night', seed, style), `${style} ${seed}`).toBe(0);
        expect(await litPixels('a lighthouse by the sea at night', seed, style), `${style} ${seed}`).toBeGreaterThan(3);
        expect(await litPixels('the sea at night', seed, style), `${style} ${seed}`).toBe(0);
        expect(await litPixels('a castle at night', seed, style), `${style} ${seed}`).toBeGreaterThan(3);
        expect(await litPixels('a tower at night', seed, style), `${style} ${seed}`).toBeGreaterThan(1);
        expect(await litPixels('a village at night', seed, style), `${style} ${seed}`).toBeGreaterThan(3);
      }
    }
  });
});
