import { describe, expect, it } from 'vitest';
import { sceneSvg } from '../compose.js';
import type { Raster } from '../render-small.js';
import { Rng } from '../rng.js';
import { portrait } from './portrait.js';
import { alphaAt, colourAt, colourOf, drawAlone, motifScene, planFor } from './test-fixtures.js';

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

  it('before a landscape the prompt names, the sitter stands to one side of it, and the view keeps its sun', () => {
    const view = planFor('portrait of a woman by the sea at sunset');
    expect([view.kind, view.portraitView, view.celestial, view.ground]).toEqual(['portrait', true, 'sun', 'sea']);
    const plain = planFor('portrait of a woman at sunset');
    expect([plain.kind, plain.portraitView, plain.celestial]).toEqual(['portrait', false, 'none']);
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('portrait of a man in the mountains', 'flat', seed);
      // An empty view: only the sitter is drawn.
      const r = drawAlone(s, portrait(s, planFor('portrait of a man in the mountains').motifs, ''));
      let covered = 0;
      for (let x = 0; x < 1000; x++) if (alphaAt(r, x, 995) > 128) covered++;
      expect(covered).toBeGreaterThan(300);
      expect(covered).toBeLessThan(650);
      // One side of the picture is open, down to the ground.
      const open = [alphaAt(r, 30, 700), alphaAt(r, 970, 700)];
      expect(open).toContain(0);
    }
  });

  it('the view behind a portrait has no other people in it: the sitter is its only figure', () => {
    for (const prompt of ['portrait of a woman by the sea', 'portrait of a man on a hill', 'portrait of a couple in a field']) {
      const plan = planFor(prompt);
      // Drawn with the subjects apart (as low-poly draws them), each figure or group is one piece of subject markup.
      const { scene } = sceneSvg({ plan, palette: plan.palette, rng: new Rng(4), width: 512, height: 512, pxWidth: 512, pxHeight: 512, subjectsApart: true });
      expect(scene.subjects!.markup, prompt).toHaveLength(1);
    }
  });

  it('at night the dark sitter has a faint rim of light; by day none', () => {
    const light = (prompt: string) => {
      const s = motifScene(prompt, 'flat', 2);
      const r = drawAlone(s, portrait(s, planFor(prompt).motifs, ''));
      let count = 0;
      for (let i = 0; i < r.data.length; i += 4) if (r.data[i + 3]! > 60 && colourOf(r, i).l > 0.4) count++;
      return count;
    };
    expect(light('portrait of a man at night')).toBeGreaterThan(1000);
    expect(light('portrait of a man on a sunny day')).toBe(0);
  });
});
