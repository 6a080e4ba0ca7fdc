import { describe, expect, it } from 'vitest';
import type { Raster } from '../render-small.js';
import { portrait } from './portrait.js';
import { colourAt, colourOf, drawAlone, motifScene, planFor } from './test-fixtures.js';

/** Pixels much darker than the background: the silhouette. */
function dark(r: Raster): number {
  let count = 0;
  for (let i = 0; i < r.data.length; i += 4) if (colourOf(r, i).l < 0.15) count++;
  return count;
}

describe('a portrait', () => {
  it('portraits, faces and headshots make a portrait scene, in English or Chinese', () => {
    for (const prompt of ['portrait of a woman', 'a man’s face in profile', 'a headshot', '女孩的肖像']) {
      const plan = planFor(prompt);
      expect(plan.kind, prompt).toBe('portrait');
      expect(plan.celestial, prompt).toBe('none');
    }
    expect(planFor('a woman on a hill').kind).toBe('landscape');
    expect(planFor('a climber on the rock face').kind).toBe('landscape');
  });

  it('is a dark head-and-shoulders silhouette filling the middle and reaching the bottom; a woman has long hair', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const drawFor = (prompt: string) => {
        const s = motifScene(prompt, 'flat', seed);
        return drawAlone(s, portrait(s, planFor(prompt).motifs));
      };
      const woman = drawFor('portrait of a woman');
      const man = drawFor('portrait of a man');
      const at = (r: Raster, x: number, y: number) => colourAt(r, x, y).l;
      // The head in the middle, the shoulders across the bottom.
      expect(at(man, 500, 420)).toBeLessThan(0.15);
      expect(at(man, 500, 990)).toBeLessThan(0.15);
      expect(dark(man)).toBeGreaterThan(1000 * 1000 * 0.2);
      // Long hair adds to the silhouette behind the head.
      expect(dark(woman)).toBeGreaterThan(dark(man) * 1.05);
    }
  });
});
