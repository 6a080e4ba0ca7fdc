import { describe, expect, it } from 'vitest';
import { hsl, rgbToHsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import { christmasTree, snowman } from './winter.js';
import { drawAlone, lampPixels, motifScene, paintedBox, planFor } from './test-fixtures.js';

const INK = hsl(220, 0.2, 0.1);

describe('winter holidays', () => {
  it('reads snowmen and Christmas trees in English and Chinese, as winter scenes with snow', () => {
    for (const prompt of ['a snowman', '雪人']) {
      expect(analysePrompt(prompt).motifs, prompt).toEqual(expect.arrayContaining(['snowman', 'snow']));
      expect(analysePrompt(prompt).themes, prompt).toContain('winter');
    }
    for (const prompt of ['a christmas tree', 'a christmas village', '圣诞树']) expect(analysePrompt(prompt).motifs, prompt).toContain('xmastree');
    expect(planFor('a christmas tree').motifs.has('xmastree')).toBe(true);
  });

  it('a snowman is three white balls on its ground point, upright, with a carrot nose', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('a snowman on a sunny day', 'flat', seed);
      const r = drawAlone(s, snowman(s, 500, 800, INK));
      const b = paintedBox(r);
      expect(b.bottom).toBeGreaterThanOrEqual(795);
      expect(b.bottom - b.top).toBeGreaterThan(160);
      // White up through the bottom and middle balls (just beside the buttons down the middle).
      const height = b.bottom - b.top;
      for (const y of [800 - height * 0.12, 800 - height * 0.45].map(Math.round)) {
        const i = (y * 1000 + 480) * 4;
        expect(rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! }).l, `${seed} at ${y}`).toBeGreaterThan(0.75);
      }
      let carrot = 0;
      for (let i = 0; i < r.data.length; i += 4) {
        const c = rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! });
        if (r.data[i + 3] === 255 && c.h > 15 && c.h < 40 && c.s > 0.8 && c.l > 0.4) carrot++;
      }
      expect(carrot).toBeGreaterThan(30);
    }
  });

  it('a Christmas tree stands on its base under its star, its lights lit at night only', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const day = motifScene('a christmas tree on a sunny day', 'flat', seed);
      const night = motifScene('a christmas tree at night', 'flat', seed);
      const lit = drawAlone(night, christmasTree(night, [500, 800], 250));
      const b = paintedBox(lit);
      expect(b.bottom).toBeGreaterThanOrEqual(798);
      expect(800 - b.top).toBeGreaterThan(250 * 0.9);
      expect(b.right - b.left).toBeLessThan(250 * 0.65);
      expect(lampPixels(lit)).toBeGreaterThan(150);
      // By day the star and the gold baubles still shine; the lights add the rest at night.
      expect(lampPixels(lit)).toBeGreaterThan(lampPixels(drawAlone(day, christmasTree(day, [500, 800], 250))) + 200);
    }
  });
});
