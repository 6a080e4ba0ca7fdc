import { describe, expect, it } from 'vitest';
import { analysePrompt } from '../prompt.js';
import type { Raster } from '../render-small.js';
import { bridge } from './bridge.js';
import { alphaAt, drawAlone, motifScene, planFor } from './test-fixtures.js';

/** Runs of pixels along a row whose alpha is at least `min`. */
function runs(r: Raster, y: number, min: number): number {
  let count = 0;
  let inside = false;
  for (let x = 0; x < r.width; x++) {
    const painted = alphaAt(r, x, y) >= min;
    if (painted && !inside) count++;
    inside = painted;
  }
  return count;
}

describe('a bridge across the water', () => {
  it('"bridge" brings water to cross', () => {
    for (const prompt of ['a stone bridge over a river', 'an old viaduct', 'bridges at night']) {
      const info = analysePrompt(prompt);
      expect(info.motifs, prompt).toContain('bridge');
      const plan = planFor(prompt);
      expect(['lake', 'sea'], prompt).toContain(plan.ground);
    }
  });

  it('spans the picture on open arches, and its reflection closes each arch below the waterline', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const s = motifScene('a bridge over a river', 'flat', seed);
      const b = bridge(s);
      expect(b.waterline).toBeGreaterThan(s.horizon);
      expect(b.deck).toBeLessThan(b.waterline);
      const raster = drawAlone(s, b.svg);
      // The deck is solid from edge to edge; just above the water the piers stand apart, with the arches open between.
      expect(runs(raster, b.deck + 3, 250)).toBe(1);
      expect(alphaAt(raster, 0, b.deck + 3)).toBeGreaterThan(250);
      expect(alphaAt(raster, 999, b.deck + 3)).toBeGreaterThan(250);
      const piers = runs(raster, b.waterline - 4, 250);
      expect(piers).toBeGreaterThanOrEqual(4);
      // Mirrored below, fainter: the same piers and openings, about 40 % opaque.
      expect(runs(raster, b.waterline + 4, 60)).toBe(piers);
      const y = Math.round(b.waterline);
      for (let x = 2; x < 998; x += 7) {
        const above = [x - 2, x, x + 2].map((c) => alphaAt(raster, c, y - 4));
        const below = alphaAt(raster, x, y + 4);
        if (above.every((a) => a > 250)) expect(below).toBeGreaterThan(80);
        if (above.every((a) => a > 250)) expect(below).toBeLessThan(130);
        if (above.every((a) => a === 0)) expect(below).toBe(0);
      }
    }
  });
});
