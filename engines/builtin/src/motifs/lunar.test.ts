import { describe, expect, it } from 'vitest';
import { analysePrompt } from '../prompt.js';
import type { Raster } from '../render-small.js';
import { earth, lunarSurface } from './lunar.js';
import { alphaAt, colourAt, drawAlone, motifScene, paintedBox, planFor } from './test-fixtures.js';

/** The first painted row from the top in column x. */
function topAt(r: Raster, x: number): number {
  for (let y = 0; y < r.height; y++) if (alphaAt(r, x, y) > 128) return y;
  return NaN;
}

describe('on the moon', () => {
  it('"on the moon" puts the moon underfoot and the Earth in the sky; a moon over the sea stays in the sky', () => {
    for (const prompt of ['an astronaut on the moon', 'a cat on the moon', 'lunar surface', 'a moonscape']) {
      const info = analysePrompt(prompt);
      expect(info.motifs, prompt).toContain('lunar');
      expect(info.motifs, prompt).not.toContain('moon');
      expect(info.themes, prompt).toContain('space');
      const plan = planFor(prompt);
      expect(plan.ground, prompt).toBe('lunar');
      expect(plan.celestial, prompt).toBe('none');
      expect(plan.motifs.has('planet'), prompt).toBe(true);
    }
    expect(analysePrompt('an astronaut on the moon').motifs).toContain('astronaut');
    const sea = analysePrompt('the moon over the sea');
    expect(sea.motifs).toContain('moon');
    expect(sea.motifs).not.toContain('lunar');
  });

  it('the ground is grey, fills the picture below a horizon that curves away at the sides, and has craters', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('an astronaut on the moon', 'flat', seed);
      const ground = lunarSurface(s);
      const raster = drawAlone(s, ground.svg);
      expect(alphaAt(raster, 0, 999)).toBe(255);
      expect(alphaAt(raster, 999, 999)).toBe(255);
      const middle = Math.min(...[300, 400, 500, 600, 700].map((x) => topAt(raster, x)));
      expect(topAt(raster, 0)).toBeGreaterThan(middle + 5);
      expect(topAt(raster, 999)).toBeGreaterThan(middle + 5);
      let grey = 0;
      let total = 0;
      for (let y = 650; y < 1000; y += 5) {
        for (let x = 0; x < 1000; x += 5) {
          total++;
          if (colourAt(raster, x, y).s < 0.15) grey++;
        }
      }
      expect(grey / total).toBeGreaterThan(0.9);
      expect(craterPixels(raster, 700, 1000)).toBeGreaterThan(20);
      // Figures stand on the near ground, well below the horizon.
      expect(ground.standing[0]![1]).toBeGreaterThan(s.horizon + (1000 - s.horizon) * 0.5);
    }
  });

  it('the Earth is blue with land and cloud, and half of it is in shadow', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('an astronaut on the moon', 'flat', seed);
      const raster = drawAlone(s, earth(s));
      const b = paintedBox(raster, 250);
      const cx = (b.left + b.right) / 2;
      const cy = (b.top + b.bottom) / 2;
      const r = (b.right - b.left) / 2;
      let blue = 0;
      const light = { left: 0, right: 0 };
      for (let y = Math.round(cy - r * 0.8); y <= cy + r * 0.8; y += 2) {
        for (let x = Math.round(cx - r * 0.8); x <= cx + r * 0.8; x += 2) {
          const c = colourAt(raster, x, y);
          if (c.h > 190 && c.h < 235 && c.s > 0.3) blue++;
          light[x < cx ? 'left' : 'right'] += c.l;
        }
      }
      expect(blue).toBeGreaterThan(20);
      expect(Math.max(light.left, light.right)).toBeGreaterThan(Math.min(light.left, light.right) * 1.5);
    }
  });
});

/** Pixels in rows y0..y1 much darker than the median of their row: the shadowed bowls of craters. */
function craterPixels(r: Raster, y0: number, y1: number): number {
  let dark = 0;
  for (let y = y0; y < y1; y += 4) {
    const row: number[] = [];
    for (let x = 0; x < r.width; x += 2) row.push(colourAt(r, x, y).l);
    const median = [...row].sort((a, b) => a - b)[row.length >> 1]!;
    dark += row.filter((l) => l < median - 0.1).length;
  }
  return dark;
}
