import { describe, expect, it } from 'vitest';
import { hsl, rgbToHsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import type { Raster } from '../render-small.js';
import type { Scene } from '../scene.js';
import { lion, tiger } from './big-cats.js';
import { drawAlone, motifScene, paintedBox, runs } from './test-fixtures.js';

const scene = (seed: number): Scene => motifScene('a quiet afternoon', 'flat', seed);
const INK = hsl(220, 0.2, 0.1);

/** Painted pixels by tone: dark (lightness under `darkBelow`), light (over `lightAbove`) and all. */
function toneCounts(r: Raster, darkBelow = 0.2, lightAbove = 0.65): { dark: number; light: number; all: number } {
  const out = { dark: 0, light: 0, all: 0 };
  for (let i = 0; i < r.data.length; i += 4) {
    if (r.data[i + 3]! < 255) continue;
    const l = rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! }).l;
    out.all++;
    if (l < darkBelow) out.dark++;
    if (l > lightAbove) out.light++;
  }
  return out;
}

describe('big cats', () => {
  it('reads lions and tigers in prompts, with their number and colour', () => {
    expect(analysePrompt('a lion resting in the savanna').motifs).toEqual(['lion', 'hills']);
    expect(analysePrompt('two tigers in the jungle').counts.tiger).toBe(2);
    expect(analysePrompt('a white tiger in the snow').tints.tiger).toMatchObject({ word: 'white' });
    expect(analysePrompt('a lioness at dawn').motifs).toContain('lion');
    expect(analysePrompt('森林里的老虎').motifs).toContain('tiger');
  });

  for (const [name, draw] of [['lion', lion], ['tiger', tiger]] as const) {
    it(`a ${name} stands side-on on four legs: longer than tall, on the ground point`, () => {
      for (let seed = 1; seed <= 4; seed++) {
        const r = drawAlone(scene(seed), draw(scene(seed), 500, 800, INK));
        const b = paintedBox(r);
        expect(b.bottom, `seed ${seed}`).toBeGreaterThanOrEqual(797);
        expect(b.bottom, `seed ${seed}`).toBeLessThanOrEqual(801);
        expect(b.right - b.left, `seed ${seed}`).toBeGreaterThan((b.bottom - b.top) * 1.3);
        expect(runs(r, 800 - (b.bottom - b.top) * 0.2), `seed ${seed}`).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('a tiger has dark stripes and a lion a dark mane on a lighter coat; a white tiger is white with dark stripes', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const s = scene(seed);
      const striped = toneCounts(drawAlone(s, tiger(s, 500, 800, INK)));
      const maned = toneCounts(drawAlone(s, lion(s, 500, 800, INK)), 0.3);
      expect(striped.dark / striped.all, `seed ${seed}`).toBeGreaterThan(0.05);
      expect(maned.dark / maned.all, `seed ${seed}`).toBeGreaterThan(0.1);
      expect(maned.light / maned.all, `seed ${seed}`).toBeLessThan(0.01);
      const white: Scene = { ...s, tints: { tiger: hsl(0, 0, 0.95) } };
      const pale = toneCounts(drawAlone(white, tiger(white, 500, 800, INK)));
      expect(pale.light / pale.all, `seed ${seed}`).toBeGreaterThan(0.5);
      expect(pale.dark / pale.all, `seed ${seed}`).toBeGreaterThan(0.05);
    }
  });
});
