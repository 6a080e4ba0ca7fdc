import { describe, expect, it } from 'vitest';
import { lowPolySubjects } from './test-fixtures.js';

describe('flowers in low-poly', () => {
  it('a meadow\'s flowers are drawn whole over the facets, not averaged into them', () => {
    // Painted pixels over the facets, below the horizon.
    const overFacets = (prompt: string, seed: number) => {
      const { raster, horizon } = lowPolySubjects(prompt, seed, 600);
      let painted = 0;
      for (let y = Math.ceil(horizon); y < 600; y += 2) for (let x = 0; x < 600; x += 2) if (raster.data[(y * 600 + x) * 4 + 3]! > 60) painted++;
      return painted;
    };
    for (const seed of [1, 2, 3]) {
      expect(overFacets('green hills', seed), `${seed}`).toBe(0);
      expect(overFacets('a field of sunflowers', seed), `${seed}`).toBeGreaterThan(300);
    }
  });
});
