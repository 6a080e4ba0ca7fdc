import { describe, expect, it } from 'vitest';
import { analysePrompt } from '../prompt.js';
import type { Raster } from '../render-small.js';
import { waterfall } from './waterfall.js';
import { alphaAt, colourAt, drawAlone, motifScene, planFor } from './test-fixtures.js';

const lightness = (r: Raster, x: number, y: number) => colourAt(r, x, y).l;

describe('a waterfall', () => {
  it('is read from the prompt and stands on land', () => {
    for (const prompt of ['a waterfall in the forest', 'niagara falls at sunset', 'a cascade in the mountains']) {
      const info = analysePrompt(prompt);
      expect(info.motifs, prompt).toContain('waterfall');
      const plan = planFor(prompt);
      expect(plan.ground, prompt).toBe('land');
    }
    // "falls" alone is the season.
    expect(analysePrompt('the forest in the fall').motifs).not.toContain('waterfall');
  });

  it('pours a light ribbon from a lip above the horizon down a darker rock face into a pool', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const s = motifScene('a waterfall in the forest', 'flat', seed);
      const fall = waterfall(s);
      expect(fall.lip).toBeLessThan(s.horizon);
      expect(fall.pool).toBeGreaterThan(s.horizon);
      const r = drawAlone(s, fall.svg);
      for (const t of [0.15, 0.5, 0.85]) {
        const y = fall.lip + (fall.pool - fall.lip) * t;
        expect(alphaAt(r, fall.x, y)).toBe(255);
        // The rock beside the water is painted and clearly darker.
        for (const side of [-1, 1]) {
          const rockX = fall.x + side * 90;
          expect(alphaAt(r, rockX, y)).toBe(255);
          expect(lightness(r, fall.x, y)).toBeGreaterThan(lightness(r, rockX, y) + 0.2);
        }
      }
      // Nothing above the rock's shoulders.
      expect(alphaAt(r, fall.x, fall.lip - (fall.pool - fall.lip) * 0.2)).toBe(0);
    }
  });
});
