import { describe, expect, it } from 'vitest';
import { hsl } from './color.js';
import { herd } from './herd.js';
import { ANIMALS } from './landscape.js';
import { horse } from './motifs/quadrupeds.js';
import { drawAlone, motifScene, paintedBox, planFor } from './motifs/test-fixtures.js';
import { analysePrompt } from './prompt.js';

const INK = hsl(220, 0.2, 0.1);
const HORSE = { draw: horse, besidePerson: 1, width: 225, reach: 150 };
const FLAT: [number, number][] = [[-1000, 800], [2000, 800]];

describe('several of a subject', () => {
  it('reads how many the prompt asks for: a number, or several for a plural', () => {
    const counts = (prompt: string) => analysePrompt(prompt).counts;
    expect(counts('two horses in a field')).toEqual({ horse: 2 });
    expect(counts('two big happy dogs')).toEqual({ dog: 2 });
    expect(counts('three red cars')).toEqual({ car: 3 });
    expect(counts('horses at sunset')).toEqual({ horse: 'several' });
    expect(counts('a herd of deer')).toEqual({ deer: 'several' });
    expect(counts('a horse')).toEqual({});
    expect(counts('no horses')).toEqual({});
    expect(planFor('two horses').counts.horse).toBe(2);
    expect(planFor('five horses').counts.horse).toBe(4);
    for (let seed = 1; seed <= 6; seed++) expect([2, 3]).toContain(planFor('horses in a field', seed).counts.horse);
  });

  it('a herd stands side by side, wider than one animal, on the canvas and within its room', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const one = paintedBox(drawAlone(motifScene('horses', 'flat', seed), horse(motifScene('horses', 'flat', seed), 500, 806, INK)));
      for (const [count, x, room] of [[2, 500, 800], [3, 120, 800], [4, 900, 300]] as const) {
        const s = motifScene('horses', 'flat', seed);
        const b = paintedBox(drawAlone(s, herd(s, HORSE, FLAT, x, INK, 1, count, room)));
        expect(b.right - b.left, `${count} at ${x}`).toBeGreaterThan((one.right - one.left) * (room >= 800 ? count * 0.6 : 1.1));
        // Not cut off by either edge, even when asked to stand near one.
        expect(b.left).toBeGreaterThan(0);
        expect(b.right).toBeLessThan(999);
        expect(b.right - b.left).toBeLessThanOrEqual(room + (one.right - one.left) * 1.1);
        expect(b.bottom).toBeGreaterThanOrEqual(800);
      }
    }
  });

  it('each animal stays within the reach it declares, so a herd near an edge is not cut off', () => {
    for (const [kind, animal] of Object.entries(ANIMALS)) {
      for (let seed = 1; seed <= 8; seed++) {
        const s = motifScene(kind, 'flat', seed);
        const b = paintedBox(drawAlone(s, animal!.draw(s, 500, 800, INK)));
        expect(Math.max(500 - b.left, b.right - 500), `${kind} ${seed}`).toBeLessThanOrEqual(animal!.reach);
      }
    }
  });
});
