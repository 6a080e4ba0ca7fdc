import { describe, expect, it } from 'vitest';
import { colourAt, colourOf, drawAlone, motifScene, paintedBox, planFor } from './test-fixtures.js';
import { underwaterScene, whale } from './underwater.js';

describe('under the sea', () => {
  it('fish, reefs and "under the sea" make an underwater scene with no sun, moon or stars', () => {
    for (const prompt of ['an underwater coral reef', 'fish in the ocean', 'a goldfish', 'under the sea at night', 'scuba diving']) {
      const p = planFor(prompt);
      expect(p.kind, prompt).toBe('underwater');
      expect(p.celestial, prompt).toBe('none');
    }
    expect(planFor('a fishing boat at sea').kind).toBe('landscape');
    // Coral the colour is not a reef.
    expect(planFor('a girl in a coral dress by the sea').kind).toBe('landscape');
  });

  it('is lighter at the surface than in the deep, has a sandy bed, and colourful fish and coral between', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('fish in the ocean', 'flat', seed);
      const r = drawAlone(s, underwaterScene(s, new Set()));
      const mean = (y0: number, y1: number) => {
        let sum = 0;
        let count = 0;
        for (let y = y0; y < y1; y += 5) for (let x = 0; x < 1000; x += 5, count++) sum += colourAt(r, x, y).l;
        return sum / count;
      };
      expect(mean(0, 60)).toBeGreaterThan(mean(550, 700) + 0.1);
      // The bottom is sand: warm (a little greener through the water), where the water is blue.
      const sand = colourAt(r, 500, 990);
      expect(sand.h).toBeGreaterThan(20);
      expect(sand.h).toBeLessThan(90);
      expect(colourAt(r, 500, 20).h).toBeGreaterThan(150);
      // Fish and coral: saturated warm colours in the water, which has none of its own.
      let warm = 0;
      for (let y = 100; y < 990; y += 2) {
        for (let x = 0; x < 1000; x += 2) {
          const c = colourAt(r, x, y);
          if (c.s > 0.45 && (c.h < 60 || c.h > 300) && c.l > 0.35) warm++;
        }
      }
      expect(warm).toBeGreaterThan(200);
    }
  });

  it('a whale is a long dark body in mid-water, much wider than tall', () => {
    expect(planFor('a whale in the ocean').motifs.has('whale')).toBe(true);
    expect(planFor('一头鲸鱼').kind).toBe('underwater');
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('a whale', 'flat', seed);
      const r = drawAlone(s, whale(s));
      const b = paintedBox(r);
      expect(b.right - b.left).toBeGreaterThan(500);
      expect(b.right - b.left).toBeGreaterThan((b.bottom - b.top) * 2);
      expect((b.top + b.bottom) / 2).toBeGreaterThan(350);
      expect((b.top + b.bottom) / 2).toBeLessThan(650);
      let dark = 0;
      let painted = 0;
      for (let i = 0; i < r.data.length; i += 16) {
        if (r.data[i + 3]! < 255) continue;
        painted++;
        if (colourOf(r, i).l < 0.35) dark++;
      }
      expect(dark / painted).toBeGreaterThan(0.7);
    }
  });
});
