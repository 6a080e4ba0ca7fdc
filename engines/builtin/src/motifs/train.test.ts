import { describe, expect, it } from 'vitest';
import { hsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import { train } from './train.js';
import { drawAlone, lampPixels, motifScene, paintedBox, planFor } from './test-fixtures.js';

describe('a train', () => {
  it('is read in English and Chinese, and crosses a bridge when there is one', () => {
    for (const prompt of ['a train crossing a bridge', 'an old railway', '火车穿过雪山']) expect(analysePrompt(prompt).motifs, prompt).toContain('train');
    expect([...planFor('a train crossing a bridge over a river').motifs]).toEqual(expect.arrayContaining(['train', 'bridge']));
    // Over water, a train needs a bridge to run on, asked for or not.
    expect(planFor('a train by the sea').motifs.has('bridge')).toBe(true);
    expect(planFor('a train in the hills').motifs.has('bridge')).toBe(false);
  });

  it('runs along its rail, long and low: a locomotive and three to five carriages, windows lit in the dark', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const day = motifScene('a train on a sunny day', 'flat', seed);
      const drawn = drawAlone(day, train(day, 700, true));
      const b = paintedBox(drawn);
      // The track crosses the whole width at the rail; the train stands on it.
      expect(b.left).toBe(0);
      expect(b.right).toBe(999);
      expect(b.bottom).toBeLessThanOrEqual(710);
      const cars = paintedBox(drawAlone(day, train(motifScene('a train on a sunny day', 'flat', seed), 700, false)));
      expect(cars.bottom).toBeLessThanOrEqual(701);
      expect(cars.right - cars.left).toBeGreaterThan((cars.bottom - cars.top) * 10);
      // A blue train (a yellow one would read as lamp light by day too): dark windows by day, lit ones at night.
      const blue = hsl(210, 0.6, 0.4);
      const [byDay, byNight] = ['a train on a sunny day', 'a train at night'].map((prompt) => {
        const s = { ...motifScene(prompt, 'flat', seed), tints: { train: blue } };
        return lampPixels(drawAlone(s, train(s, 700, false)));
      });
      expect(byDay).toBe(0);
      expect(byNight).toBeGreaterThan(100);
    }
  });
});
