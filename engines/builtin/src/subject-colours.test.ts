import { describe, expect, it } from 'vitest';
import { hsl, rgbToHsl } from './color.js';
import { buildScene } from './compose.js';
import { house } from './motifs/buildings.js';
import { cat, dog } from './motifs/creatures.js';
import { flowers } from './motifs/flora.js';
import { cow } from './motifs/livestock.js';
import { horse } from './motifs/quadrupeds.js';
import { car, road } from './motifs/road.js';
import { drawAlone, motifScene, planFor, tones } from './motifs/test-fixtures.js';
import { analysePrompt } from './prompt.js';
import type { Raster } from './render-small.js';
import { Rng } from './rng.js';
import type { Scene } from './scene.js';

const INK = hsl(220, 0.2, 0.1);

/** The most common opaque colour of a drawing, as a hex string. */
function mainColour(r: Raster): string {
  const counts = new Map<string, number>();
  for (let i = 0; i < r.data.length; i += 4) {
    if (r.data[i + 3]! < 255) continue;
    const key = ((r.data[i]! << 16) | (r.data[i + 1]! << 8) | r.data[i + 2]!).toString(16);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

const hueOf = (hex: string) => {
  const v = parseInt(hex, 16);
  return rgbToHsl({ r: v >> 16, g: (v >> 8) & 255, b: v & 255 });
};

/** The share of a raster's opaque pixels that are saturated and within 20° of `hue`. */
function shareOfHue(r: Raster, hue: number): number {
  let hits = 0;
  let opaque = 0;
  for (let i = 0; i < r.data.length; i += 4) {
    if (r.data[i + 3]! < 255) continue;
    opaque++;
    const c = rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! });
    const dh = Math.abs(((c.h - hue + 540) % 360) - 180);
    if (c.s > 0.35 && c.l > 0.2 && c.l < 0.85 && dh < 20) hits++;
  }
  return hits / Math.max(1, opaque);
}

describe('subject colours', () => {
  it('a colour word right before a subject colours that subject only', () => {
    expect(analysePrompt('a white horse').tints.horse).toMatchObject({ word: 'white' });
    expect(analysePrompt('a red car in the city').tints.car).toMatchObject({ word: 'red' });
    expect(analysePrompt('a horse under a blue sky').tints.horse).toBeUndefined();
    expect(analysePrompt('no red car').tints.car).toBeUndefined();
    const plan = planFor('a red car on a road');
    const { scene } = buildScene({ plan, palette: plan.palette, rng: new Rng(2), width: 256, height: 256, pxWidth: 256, pxHeight: 256 });
    expect(scene.tints.car!.h).toBe(0);
    expect(scene.identity).toBe(plan.identity);
  });

  it('flowers take the colour they are named in, or the colour of their kind ("sunflowers", "lavender")', () => {
    expect(analysePrompt('a field of sunflowers').tints.flowers).toMatchObject({ word: 'sunflowers', hue: 46 });
    expect(analysePrompt('blue roses').tints.flowers).toMatchObject({ word: 'blue' });
    expect(analysePrompt('a lavender field').tints.flowers).toMatchObject({ hue: 268 });
    for (let seed = 1; seed <= 3; seed++) {
      // A meadow with flowers only (no sky, no hills): teal flowers, which the palette's accents never are.
      const teal: Scene = { ...motifScene('a meadow on a sunny day', 'flat', seed), tints: { flowers: hsl(170, 0.7, 0.45) } };
      const plain = motifScene('a meadow on a sunny day', 'flat', seed);
      const tealMeadow = drawAlone(teal, flowers(teal, { top: 600 }));
      const plainMeadow = drawAlone(plain, flowers(plain, { top: 600 }));
      expect(shareOfHue(tealMeadow, 170), `seed ${seed}`).toBeGreaterThan(shareOfHue(plainMeadow, 170) + 0.03);
    }
  });

  it('a car and a house take the colour they are given; a white cat is white', () => {
    for (let seed = 1; seed <= 3; seed++) {
      // Teal, which no car is painted unasked.
      const teal: Scene = { ...motifScene('a car on a road on a sunny day', 'flat', seed), tints: { car: hsl(165, 0.7, 0.4) } };
      const paint = hueOf(mainColour(drawAlone(teal, car(teal, road(teal)))));
      expect(paint.s).toBeGreaterThan(0.4);
      expect(Math.abs(paint.h - 165)).toBeLessThan(25);
      // Blue, which no plain house has.
      const blue: Scene = { ...motifScene('a house on a sunny day', 'flat', seed), tints: { house: hsl(215, 0.6, 0.5) } };
      const drawn = drawAlone(blue, house(blue, [500, 800], 300));
      let bluePixels = 0;
      for (let i = 0; i < drawn.data.length; i += 4) {
        const c = rgbToHsl({ r: drawn.data[i]!, g: drawn.data[i + 1]!, b: drawn.data[i + 2]! });
        if (drawn.data[i + 3] === 255 && c.s > 0.3 && Math.abs(c.h - 215) < 25) bluePixels++;
      }
      // The walls: 300 wide and 0.58 of that high, less the door and windows.
      expect(bluePixels).toBeGreaterThan(300 * 300 * 0.58 * 0.6);
      const white: Scene = { ...motifScene('a cat', 'flat', seed), tints: { cat: hsl(0, 0, 0.95) } };
      expect(hueOf(mainColour(drawAlone(white, cat(white, 500, 800, INK)))).l).toBeGreaterThan(0.85);
    }
  });

  it('the images of a set keep one horse coat and one car paint; other sets get others', () => {
    const coatIn = (s: Scene) => mainColour(drawAlone(s, horse(s, 500, 800, INK)));
    const paintIn = (s: Scene) => mainColour(drawAlone(s, car(s, road(s))));
    const coats = new Set<string>();
    const paints = new Set<string>();
    for (let set = 1; set <= 8; set++) {
      // Same set (identity), different images (per-image random streams).
      const images = [1, 2, 3].map((image) => ({ ...motifScene('a horse and a car', 'flat', set), rng: new Rng(100 * set + image) }));
      expect(new Set(images.map(coatIn)).size).toBe(1);
      expect(new Set(images.map(paintIn)).size).toBe(1);
      coats.add(coatIn(images[0]!));
      paints.add(paintIn(images[0]!));
    }
    expect(coats.size).toBeGreaterThan(2);
    expect(paints.size).toBeGreaterThan(2);
  });

  it("a subject's own colour leaves the scene's palette alone; other colour words still colour it", () => {
    // The palette's colours: the sky's own first, then the scene's.
    const words = (prompt: string) => {
      const info = analysePrompt(prompt);
      return [info.skyColour, ...info.colours].flatMap((c) => (c ? [c.word] : []));
    };
    expect(words('a black and white cow in a meadow at sunset')).toEqual([]);
    expect(words('a red car under a red sky')).toEqual(['red']);
    expect(words('a red car on a road under a blue sky')).toEqual(['blue']);
    expect(words('a red fox in the snow')).toEqual(['red']);
    expect(words('green hills')).toEqual(['green']);
    expect(words('red tulips in a green meadow')).toEqual(['green']);
    expect(planFor('a white horse at sunset').palette).toEqual(planFor('a horse at sunset').palette);
  });

  it('two colours before a subject are its ground and its marks; anything between them and the subject breaks the pair', () => {
    const cowInfo = analysePrompt('two black and white cows in a meadow');
    expect([cowInfo.tints.cow?.word, cowInfo.markings.cow?.word, cowInfo.counts.cow]).toEqual(['black', 'white', 2]);
    expect(analysePrompt('a brown and white dog').markings.dog).toMatchObject({ word: 'white' });
    const photo = analysePrompt('a black and white photo of a cow');
    expect([photo.tints.cow, photo.markings.cow]).toEqual([undefined, undefined]);
    expect(analysePrompt('a black horse and white clouds').markings.horse).toBeUndefined();
    expect(analysePrompt('黑白奶牛').markings.cow).toMatchObject({ word: 'white' });
    expect(planFor('a black and white horse').markings.horse!.l).toBeGreaterThan(0.9);
  });

  it('a black and white cow, horse, cat and dog are drawn in both colours; one colour draws one', () => {
    const black = hsl(0, 0, 0.06);
    const white = hsl(0, 0, 0.95);
    const draw = {
      cow: (s: Scene) => cow(s, 500, 800, INK),
      horse: (s: Scene) => horse(s, 500, 800, INK),
      cat: (s: Scene) => cat(s, 500, 800, INK),
      dog: (s: Scene) => dog(s, 500, 800, INK),
    };
    for (const [kind, drawing] of Object.entries(draw)) {
      for (let seed = 1; seed <= 3; seed++) {
        const plain = { ...motifScene(kind, 'flat', seed), tints: { [kind]: black } };
        const two = { ...plain, rng: motifScene(kind, 'flat', seed).rng, markings: { [kind]: white } };
        const one = tones(drawAlone(plain, drawing(plain)));
        const both = tones(drawAlone(two, drawing(two)));
        expect(one.light, `${kind} in black`).toBeLessThan(both.light / 5); // a cow's horns are light
        expect(both.light, `${kind}'s white marks or ground`).toBeGreaterThan(200);
        expect(both.dark, `${kind}'s black marks or ground`).toBeGreaterThan(200);
      }
    }
  });
});

