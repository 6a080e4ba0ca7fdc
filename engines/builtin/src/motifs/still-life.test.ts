import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.js';
import { stillLife, tableItems } from './still-life.js';
import { books, bottle, candle, cup, fruitBowl, vase } from './tableware.js';
import { drawAlone, lampPixels, motifScene, paintedBox, planFor } from './test-fixtures.js';

describe('still life', () => {
  it('things on a table make an indoor scene with no sun or moon; a flower field stays a landscape', () => {
    for (const prompt of ['a cup of coffee on a table', 'flowers in a vase', 'a bowl of fruit', 'a candle and books', 'a bottle of wine', 'still life']) {
      const p = planFor(prompt);
      expect(p.kind, prompt).toBe('stilllife');
      expect(p.celestial, prompt).toBe('none');
    }
    expect(planFor('a field of flowers').kind).toBe('landscape');
    expect(planFor('tea fields in the mountains').kind).toBe('landscape');
    expect(planFor('a cup of coffee by the sea').kind).toBe('stilllife');
    expect(planFor('a cup of coffee').motifs.has('steam')).toBe(true);
    expect(planFor('a cup').motifs.has('steam')).toBe(false);
  });

  it('puts the named things on the table in order, or two the whole set shares', () => {
    const s = motifScene('still life', 'flat', 1);
    expect(tableItems(s, planFor('a candle, a cup of tea and some books').motifs)).toEqual(['candle', 'cup', 'books']);
    for (let set = 1; set <= 6; set++) {
      const images = [1, 2, 3].map((image) => ({ ...motifScene('still life', 'flat', set), rng: new Rng(image) }));
      const chosen = images.map((scene) => tableItems(scene, planFor('still life').motifs).join());
      expect(new Set(chosen).size).toBe(1);
      expect(new Set(chosen[0]!.split(',')).size).toBe(2);
    }
  });

  it('each thing stands on its foot point, about as tall as asked', () => {
    const at = { x: 500, y: 800, size: 300, light: 1 as const };
    const items = {
      cup: (s: ReturnType<typeof motifScene>) => cup(s, at, false),
      vase: (s: ReturnType<typeof motifScene>) => vase(s, at),
      fruit: (s: ReturnType<typeof motifScene>) => fruitBowl(s, at),
      candle: (s: ReturnType<typeof motifScene>) => candle(s, at),
      books: (s: ReturnType<typeof motifScene>) => books(s, at),
      bottle: (s: ReturnType<typeof motifScene>) => bottle(s, at),
    };
    for (const [name, draw] of Object.entries(items)) {
      for (let seed = 1; seed <= 3; seed++) {
        const s = motifScene('still life on a sunny day', 'flat', seed);
        const b = paintedBox(drawAlone(s, draw(s)));
        expect(b.bottom, name).toBeGreaterThanOrEqual(790);
        expect(b.bottom, name).toBeLessThanOrEqual(802);
        expect(800 - b.top, name).toBeGreaterThan(300 * 0.3);
        expect(800 - b.top, name).toBeLessThan(300 * 1.9);
        expect(Math.abs((b.left + b.right) / 2 - 500), name).toBeLessThan(300 * 0.6);
      }
    }
  });

  it('hot drinks steam, and a candle glows', () => {
    const s = motifScene('still life', 'flat', 2);
    const at = { x: 500, y: 800, size: 300, light: -1 as const };
    expect(paintedBox(drawAlone(s, cup(s, at, true))).top).toBeLessThan(paintedBox(drawAlone(s, cup(s, at, false))).top - 80);
    const lit = drawAlone(s, candle(s, at));
    expect(lampPixels(lit)).toBeGreaterThan(20);
    // A glow: faint light well beyond the candle's sides, level with the flame.
    const glowAlpha = lit.data[(Math.round(800 - 300 * 0.95) * 1000 + 500 + 120) * 4 + 3]!;
    expect(glowAlpha).toBeGreaterThan(10);
  });

  it('at night a candle lights the wall around it', () => {
    const wallNear = (prompt: string) => {
      const s = motifScene(prompt, 'flat', 1);
      const r = drawAlone(s, stillLife(s, planFor(prompt).motifs));
      // The wall just above the table, well to the side of the one thing on it (in the middle), lit or not.
      const i = (570 * 1000 + 300) * 4;
      return r.data[i]! + r.data[i + 1]! + r.data[i + 2]!;
    };
    expect(wallNear('a candle at night')).toBeGreaterThan(wallNear('a vase at night') + 40);
  });
});
