import { describe, expect, it } from 'vitest';
import { analysePrompt } from '../prompt.js';
import { dragon } from './dragon.js';
import { drawAlone, motifScene, paintedBox } from './test-fixtures.js';

describe('a dragon', () => {
  it('is read from English and Chinese prompts', () => {
    for (const prompt of ['a dragon flying over a castle', 'two wyverns', '一条龙在山上飞']) expect(analysePrompt(prompt).motifs, prompt).toContain('dragon');
  });

  it('flies in the sky above the horizon, its head ahead, its tail trailing far behind, its wing raised above its back', () => {
    const facings = new Set<number>();
    for (let seed = 1; seed <= 8; seed++) {
      const s = motifScene('a dragon', 'flat', seed);
      const d = dragon(s);
      const b = paintedBox(drawAlone(s, d.svg));
      expect(b.bottom).toBeLessThan(s.horizon);
      const ahead = d.facing > 0 ? b.right - d.x : d.x - b.left;
      const behind = d.facing > 0 ? d.x - b.left : b.right - d.x;
      expect(ahead).toBeGreaterThan(d.span * 0.4);
      expect(behind).toBeGreaterThan(d.span * 0.6);
      expect(d.y - b.top).toBeGreaterThan(d.span * 0.35);
      facings.add(d.facing);
    }
    expect(facings).toEqual(new Set([-1, 1]));
  });
});
