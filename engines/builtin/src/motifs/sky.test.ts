import { describe, expect, it } from 'vitest';
import { rgbToHsl } from '../color.js';
import { planSet } from '../generate.js';
import { analysePrompt } from '../prompt.js';
import { drawAlone as draw, lowPolySubjects, motifScene as scene, paintedBox } from './test-fixtures.js';
import { balloons, rainbow } from './sky.js';

describe('balloons', () => {
  it('are read from the prompt and float in the sky: everything drawn lies above the horizon', () => {
    expect(analysePrompt('hot air balloons at sunrise').motifs).toContain('balloon');
    for (let seed = 1; seed <= 6; seed++) {
      const s = scene('hot air balloons', 'flat', seed);
      const box = paintedBox(draw(s, balloons(s)));
      expect(box.bottom).toBeLessThan(s.horizon);
      expect(box.top).toBeGreaterThan(0);
      expect(box.right - box.left).toBeGreaterThan(20);
    }
  });
});

describe('rainbow', () => {
  it('is an arch standing on the horizon, red on the outside and violet on the inside', () => {
    expect(analysePrompt('a rainbow over the hills').motifs).toContain('rainbow');
    for (let seed = 1; seed <= 4; seed++) {
      const s = scene('a rainbow over the hills', 'flat', seed);
      const r = draw(s, rainbow(s));
      const box = paintedBox(r, 40);
      // Its feet reach the horizon (and stop just under it, where the land hides them); its top is high in the sky.
      expect(box.bottom).toBeGreaterThanOrEqual(s.horizon - 2);
      expect(box.bottom).toBeLessThan(s.horizon + 20);
      expect(box.top).toBeLessThan(s.horizon - 300);
      // Down the middle of the arch, from its top: the first colour is red, the last one violet.
      const x = Math.round((box.left + box.right) / 2);
      const hues: number[] = [];
      for (let y = box.top; y < box.top + 120; y++) {
        const i = (y * r.width + x) * 4;
        if (r.data[i + 3]! < 40) continue;
        // Undo the premultiplied alpha before reading the hue.
        const a = r.data[i + 3]! / 255;
        hues.push(rgbToHsl({ r: r.data[i]! / a, g: r.data[i + 1]! / a, b: r.data[i + 2]! / a }).h);
      }
      const [first, last] = [hues[1]!, hues[hues.length - 2]!];
      expect(Math.min(first, 360 - first)).toBeLessThan(25);
      expect(last).toBeGreaterThan(250);
      expect(last).toBeLessThan(300);
    }
  });
});

describe('rain', () => {
  it('falls from an overcast sky: no sun unless the prompt asks for one', () => {
    for (const prompt of ['a girl with an umbrella in the rain', 'a street in the drizzle', 'a field in a downpour']) {
      expect(analysePrompt(prompt).themes, prompt).toContain('gloomy');
      for (let seed = 1; seed <= 12; seed++) {
        const { plan } = planSet({ prompt, seed, width: 256, height: 256 });
        expect(plan.motifs.has('rain'), prompt).toBe(true);
        expect(plan.celestial, `${prompt}, seed ${seed}`).not.toBe('sun');
        expect(plan.clouds, prompt).toBeGreaterThan(1);
      }
    }
    expect(planSet({ prompt: 'sun and rain', seed: 1, width: 256, height: 256 }).plan.celestial).toBe('sun');
  });
});

describe('weather in low-poly', () => {
  it('rain, snow and birds are drawn whole over the facets, not averaged into them', () => {
    // What low-poly draws over its facets, for a scene whose only other subject stands on the ground.
    const overFacets = (prompt: string, seed: number) => {
      const { raster: r, horizon } = lowPolySubjects(prompt, seed, 1000);
      let sky = 0;
      for (let y = 0; y < horizon * 0.8; y += 2) for (let x = 0; x < 1000; x += 2) if (r.data[(y * 1000 + x) * 4 + 3]! > 60) sky++;
      return sky;
    };
    for (const seed of [1, 2, 3]) {
      expect(overFacets('a house in the hills', seed), `${seed}`).toBe(0);
      expect(overFacets('a house in the rain', seed), `${seed}`).toBeGreaterThan(200);
      expect(overFacets('a house in the snow', seed), `${seed}`).toBeGreaterThan(20);
      expect(overFacets('a house and birds', seed), `${seed}`).toBeGreaterThan(20);
    }
  });
});
