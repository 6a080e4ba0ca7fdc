import { describe, expect, it } from 'vitest';
import { sceneSvg } from '../compose.js';
import { planSet } from '../generate.js';
import { rasteriseSvg } from '../render-small.js';
import { Rng } from '../rng.js';

describe('flowers in low-poly', () => {
  it('a meadow\'s flowers are drawn whole over the facets, not averaged into them', () => {
    // Painted pixels of what low-poly draws over its facets, below the horizon.
    const overFacets = (prompt: string, seed: number) => {
      const set = planSet({ prompt, seed, width: 600, height: 600, style: 'low-poly' });
      const { scene: s } = sceneSvg({
        plan: set.plan, palette: set.plan.palette, rng: new Rng(seed), width: 600, height: 600, pxWidth: 600, pxHeight: 600, subjectsApart: true,
      });
      const r = rasteriseSvg(s.subjects!.doc.toString(s.subjects!.markup.join(''), 600, 600));
      let painted = 0;
      for (let y = Math.ceil(s.horizon * 0.6); y < 600; y += 2) for (let x = 0; x < 600; x += 2) if (r.data[(y * 600 + x) * 4 + 3]! > 60) painted++;
      return painted;
    };
    for (const seed of [1, 2, 3]) {
      expect(overFacets('green hills', seed), `${seed}`).toBe(0);
      expect(overFacets('a field of sunflowers', seed), `${seed}`).toBeGreaterThan(300);
    }
  });
});
