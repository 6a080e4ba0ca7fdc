import { describe, expect, it } from 'vitest';
import { hsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import { cow, sheep } from './livestock.js';
import { drawAlone, motifScene, paintedBox, planFor, tones } from './test-fixtures.js';

const INK = hsl(220, 0.2, 0.1);

describe('farm animals', () => {
  it('reads sheep and cows in English and Chinese; sheep come as a flock unless counted', () => {
    for (const prompt of ['sheep on a hill', 'a lamb', '羊群在草原上']) expect(analysePrompt(prompt).motifs, prompt).toContain('sheep');
    for (const prompt of ['cows in a meadow', 'cattle grazing', '一头奶牛']) expect(analysePrompt(prompt).motifs, prompt).toContain('cow');
    expect(planFor('sheep on a hill').counts.sheep).toBe(3);
    expect(planFor('two sheep').counts.sheep).toBe(2);
    expect(planFor('a cow').counts.cow).toBeUndefined();
  });

  it('a sheep is a light fleece on dark legs, with a dark face, standing on its ground point', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('sheep', 'flat', seed);
      const r = drawAlone(s, sheep(s, 500, 800, INK));
      const b = paintedBox(r);
      expect(b.bottom).toBeGreaterThanOrEqual(797);
      expect(b.right - b.left).toBeGreaterThan(b.bottom - b.top);
      const t = tones(r);
      expect(t.light).toBeGreaterThan(t.dark * 2);
      expect(t.dark).toBeGreaterThan(300);
    }
  });

  it('a cow is black and white or brown, one or the other for a whole set, and both occur', () => {
    const kinds = new Set<string>();
    for (let set = 1; set <= 10; set++) {
      const looks = [1, 2].map((image) => {
        const s = { ...motifScene('cows', 'flat', set), rng: motifScene('cows', 'flat', 100 + image).rng };
        const t = tones(drawAlone(s, cow(s, 500, 800, INK)));
        return t.light > 2000 && t.dark > 1500 ? 'pied' : t.light < 500 ? 'brown' : 'other';
      });
      expect(looks[0]).toBe(looks[1]);
      kinds.add(looks[0]!);
    }
    expect(kinds).toEqual(new Set(['pied', 'brown']));
  });
});
