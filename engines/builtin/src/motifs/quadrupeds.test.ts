import { describe, expect, it } from 'vitest';
import { hsl, rgbToHsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import type { Raster } from '../render-small.js';
import { person } from './creatures.js';
import { deer, horse } from './quadrupeds.js';
import { alphaAt, drawAlone, motifScene, paintedBox, planFor, runs } from './test-fixtures.js';

const scene = (seed: number, style: 'flat' | 'neon' = 'flat') => motifScene('a quiet evening', style, seed);
const INK = hsl(220, 0.2, 0.1);

/** Painted pixels along a row. */
function paintedIn(r: Raster, y: number): number {
  let count = 0;
  for (let x = 0; x < r.width; x++) if (alphaAt(r, x, y) > 128) count++;
  return count;
}

/** The x of the highest painted pixel: the head (or the antlers), at the front of the animal. */
function topX(r: Raster): number {
  const top = paintedBox(r).top;
  for (let x = 0; x < r.width; x++) if (alphaAt(r, x, top) > 128) return x;
  return NaN;
}

const lightness = (r: Raster, i: number) => rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! });

describe('animals standing side-on', () => {
  it('reads horses and deer in prompts', () => {
    for (const prompt of ['a horse in a field', 'wild mustangs', 'a pony by the fence', 'a girl and her foal']) expect(analysePrompt(prompt).motifs, prompt).toContain('horse');
    for (const prompt of ['a deer in the forest', 'a stag at dawn', 'reindeer in the snow', 'a fawn']) expect(analysePrompt(prompt).motifs, prompt).toContain('deer');
  });

  for (const [name, draw] of [['horse', horse], ['deer', deer]] as const) {
    it(`a ${name} stands on the ground point on four legs, its head at one end, facing either way`, () => {
      const facing = new Set<number>();
      for (let seed = 1; seed <= 6; seed++) {
        const raster = drawAlone(scene(seed), draw(scene(seed), 500, 800, INK));
        const b = paintedBox(raster);
        expect(b.bottom).toBeGreaterThanOrEqual(797);
        expect(b.bottom).toBeLessThanOrEqual(801);
        const height = b.bottom - b.top;
        // Legs: just above the ground, four legs in two pairs read as at least two separate runs, under a body that is one.
        const legRow = 800 - height * 0.12;
        const bodyRow = 800 - height * 0.45;
        expect(runs(raster, legRow)).toBeGreaterThanOrEqual(2);
        expect(paintedIn(raster, legRow)).toBeLessThan(paintedIn(raster, bodyRow) * 0.6);
        const head = topX(raster);
        const side = Math.sign(head - 500);
        expect(Math.abs(head - 500)).toBeGreaterThan((b.right - b.left) * 0.15);
        facing.add(side);
      }
      expect(facing).toEqual(new Set([-1, 1]));
    });
  }

  it('a horse is longer than a person is wide and about a person tall; beside a person it keeps that scale', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const b = paintedBox(drawAlone(scene(seed), horse(scene(seed), 500, 800, INK)));
      const p = paintedBox(drawAlone(scene(seed), person(scene(seed), 500, 800, INK)));
      expect(b.right - b.left).toBeGreaterThan((b.bottom - b.top) * 0.85);
      expect(b.bottom - b.top).toBeGreaterThan((p.bottom - p.top) * 0.8);
      expect(b.bottom - b.top).toBeLessThan((p.bottom - p.top) * 1.4);
    }
  });

  it('a deer is tawny with pale antlers above its head; neon draws both as one silhouette', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const raster = drawAlone(scene(seed), deer(scene(seed), 500, 800, INK));
      const b = paintedBox(raster);
      const height = b.bottom - b.top;
      let tawny = 0;
      let antler = 0;
      for (let i = 0; i < raster.data.length; i += 4) {
        if (raster.data[i + 3]! < 250) continue;
        const c = lightness(raster, i);
        const y = Math.floor(i / 4 / raster.width);
        if (c.h >= 15 && c.h <= 40 && c.s > 0.3 && c.l < 0.55) tawny++;
        // The top sixth of the figure is above the ears: only antlers reach there.
        if (y < b.top + height / 6 && c.l > 0.55) antler++;
      }
      expect(tawny).toBeGreaterThan(2000);
      expect(antler).toBeGreaterThan(60);
    }
    const neon = scene(1, 'neon');
    const glow = hsl(300, 1, 0.5);
    const raster = drawAlone(neon, deer(neon, 500, 800, glow));
    for (let i = 0; i < raster.data.length; i += 4) {
      if (raster.data[i + 3]! < 250) continue;
      expect(lightness(raster, i).h).toBeCloseTo(300, -1);
    }
  });

  it('a horse has a mane and tail darker than its coat', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = scene(seed);
      const raster = drawAlone(s, horse(s, 500, 800, INK));
      const b = paintedBox(raster);
      const levels: number[] = [];
      for (let i = 0; i < raster.data.length; i += 4) if (raster.data[i + 3]! >= 250) levels.push(lightness(raster, i).l);
      levels.sort((a, c) => a - c);
      const coat = levels[Math.floor(levels.length / 2)]!;
      // A black horse has a black mane: "darker" is relative to the coat.
      const dark = levels.filter((l) => l < coat * 0.8).length;
      expect(dark).toBeGreaterThan((b.bottom - b.top) * 8);
    }
  });

  it('a rider sits on the horse, in the figure colour; nobody stands beside it for the same words', () => {
    const plan = planFor('a man riding a horse');
    expect([...plan.motifs]).toEqual(expect.arrayContaining(['horse', 'rider']));
    expect(plan.motifs.has('person')).toBe(false);
    expect(planFor('a knight on horseback').motifs.has('rider')).toBe(true);
    expect(planFor('骑马的人').motifs.has('rider')).toBe(true);
    // Riding something that is not a horse draws no rider.
    expect(planFor('riding a bicycle').motifs.has('rider')).toBe(false);
    for (let seed = 1; seed <= 4; seed++) {
      const bare = paintedBox(drawAlone(scene(seed), horse(scene(seed), 500, 800, INK)));
      const ridden = drawAlone(scene(seed), horse(scene(seed), 500, 800, INK, 1, INK));
      const b = paintedBox(ridden);
      // The rider's head rises above the horse's ears, over the middle of its back.
      expect(b.top).toBeLessThan(bare.top - 10);
      let inkAbove = 0;
      for (let y = b.top; y < bare.top; y++) for (let x = 0; x < 1000; x++) if (alphaAt(ridden, x, y) > 250) inkAbove++;
      expect(inkAbove).toBeGreaterThan(100);
    }
  });
});
