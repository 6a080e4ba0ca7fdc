import { describe, expect, it } from 'vitest';
import { hsl, rgbToHsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import { astronaut, cat, dog, fox, people, person } from './creatures.js';
import { alphaAt, drawAlone, motifScene, paintedBox } from './test-fixtures.js';

const scene = (seed: number) => motifScene('a quiet evening', 'flat', seed);

/** Bounding box of what a figure paints, drawn alone. */
function box(markup: string) {
  const b = paintedBox(drawAlone(scene(0), markup));
  return { ...b, width: b.right - b.left, height: b.bottom - b.top };
}

const INK = hsl(220, 0.2, 0.1);

describe('figures seen from behind', () => {
  it('reads people and dogs in prompts', () => {
    for (const prompt of ['a girl watching the sunset', 'a lone hiker', 'a woman by the sea']) {
      expect(analysePrompt(prompt).motifs, prompt).toContain('person');
    }
    for (const prompt of ['a dog on the beach', 'puppies in the snow', 'a corgi']) expect(analysePrompt(prompt).motifs, prompt).toContain('dog');
    expect(analysePrompt('a man walking his dog').motifs).toEqual(expect.arrayContaining(['person', 'dog']));
    expect(analysePrompt('a couple watching the sunset').motifs).toContain('couple');
    for (const prompt of ['two people on a hill', 'a family picnic', 'friends on the beach', 'a crowd']) expect(analysePrompt(prompt).motifs, prompt).toContain('people');
  });

  it('a group stands side by side: each more person widens it by about a person and a gap', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const one = box(person(scene(seed), 500, 800, INK));
      const two = box(people(scene(seed), 500, 800, INK, 2));
      const three = box(people(scene(seed), 500, 800, INK, 3));
      expect(two.width).toBeGreaterThan(one.width + 40);
      expect(three.width).toBeGreaterThan(two.width + 40);
      expect(two.bottom).toBeGreaterThanOrEqual(797);
      expect((two.left + two.right) / 2).toBeCloseTo(500, -2);
    }
  });

  it('a person stands on the ground point, upright: several times taller than wide', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const b = box(person(scene(seed), 500, 800, INK));
      expect(b.bottom).toBeGreaterThanOrEqual(797);
      expect(b.bottom).toBeLessThanOrEqual(801);
      expect(b.height).toBeGreaterThan(180);
      expect(b.height / b.width).toBeGreaterThan(2.5);
      expect((b.left + b.right) / 2).toBeCloseTo(500, -1);
    }
  });

  it('a sitting dog is squat (with its tail, wider than half its height) and shrinks to keep scale beside a person', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const alone = box(dog(scene(seed), 500, 800, INK));
      expect(alone.bottom).toBeGreaterThanOrEqual(797);
      expect(alone.width / alone.height).toBeGreaterThan(0.6);
      const small = box(dog(scene(seed), 500, 800, INK, 0.5));
      expect(small.height).toBeCloseTo(alone.height / 2, -1);
      const catSmall = box(cat(scene(seed), 500, 800, INK, 0.4));
      expect(catSmall.height).toBeLessThan(box(person(scene(seed), 500, 800, INK)).height / 2);
    }
  });

  it('a fox is rust-red with a white-tipped brush of a tail beside it; a neon silhouette keeps the figure colour', () => {
    for (const prompt of ['a red fox in the snow', 'two foxes in a meadow', 'a vixen']) expect(analysePrompt(prompt).motifs, prompt).toContain('fox');
    for (let seed = 1; seed <= 4; seed++) {
      const s = scene(seed);
      const raster = drawAlone(s, fox(s, 500, 800, INK));
      const b = paintedBox(raster);
      expect(b.bottom).toBeGreaterThanOrEqual(797);
      const height = b.bottom - b.top;
      const hues = { rust: 0, white: 0, besideBody: 0 };
      for (let i = 0; i < raster.data.length; i += 4) {
        if (raster.data[i + 3]! < 250) continue;
        const c = rgbToHsl({ r: raster.data[i]!, g: raster.data[i + 1]!, b: raster.data[i + 2]! });
        if (c.s > 0.4 && c.h >= 5 && c.h <= 35) {
          hues.rust++;
          // Further out than the body reaches (a quarter of the height each side): the tail.
          if (Math.abs(((i / 4) % raster.width) - 500) > height * 0.35) hues.besideBody++;
        }
        if (c.l > 0.8) hues.white++;
      }
      expect(hues.rust).toBeGreaterThan(3000);
      expect(hues.besideBody).toBeGreaterThan(height * height * 0.08);
      expect(hues.white).toBeGreaterThan(50);
      expect(alphaAt(raster, 500, 790)).toBeGreaterThan(250);
      const small = box(fox(scene(seed), 500, 800, INK, 0.45));
      expect(small.bottom - small.top).toBeCloseTo((b.bottom - b.top) * 0.45, -1);
    }
    const neon = motifScene('a fox', 'neon', 1);
    const glow = hsl(300, 1, 0.5);
    const raster = drawAlone(neon, fox(neon, 500, 800, glow));
    for (let i = 0; i < raster.data.length; i += 4) {
      if (raster.data[i + 3]! < 250) continue;
      expect(rgbToHsl({ r: raster.data[i]!, g: raster.data[i + 1]!, b: raster.data[i + 2]! }).h).toBeCloseTo(300, -1);
    }
  });

  it('an astronaut stands on the ground point in a light suit, broader than a person, with a helmet and a pack', () => {
    for (const prompt of ['an astronaut on the moon', 'a cosmonaut among the stars']) expect(analysePrompt(prompt).motifs, prompt).toContain('astronaut');
    for (let seed = 1; seed <= 4; seed++) {
      const s = scene(seed);
      const raster = drawAlone(s, astronaut(s, 500, 800, INK));
      const b = paintedBox(raster);
      expect(b.bottom).toBeGreaterThanOrEqual(797);
      expect(b.bottom).toBeLessThanOrEqual(801);
      expect((b.left + b.right) / 2).toBeCloseTo(500, -1);
      expect(b.right - b.left).toBeGreaterThan(box(person(scene(seed), 500, 800, INK)).width * 1.2);
      // A light suit against the dark figures around it, and a darker pack on its back (at the middle of the torso).
      const at = (x: number, y: number) => {
        const i = (Math.round(y) * raster.width + Math.round(x)) * 4;
        return rgbToHsl({ r: raster.data[i]!, g: raster.data[i + 1]!, b: raster.data[i + 2]! }).l;
      };
      const height = b.bottom - b.top;
      const shoulderY = b.top + height * 0.3;
      expect(at(500, b.top + height * 0.08)).toBeGreaterThan(0.7); // the helmet
      expect(at(500, shoulderY)).toBeLessThan(at(b.left + (500 - b.left) * 0.35, shoulderY + height * 0.05) - 0.1);
    }
  });

  it('clothes take the colour the prompt gives them, and an umbrella opens over the head', () => {
    expect(analysePrompt('a girl in a red coat').tints.person).toMatchObject({ word: 'red' });
    const rainy = analysePrompt('a girl with a red umbrella in the rain');
    expect(rainy.motifs).toEqual(expect.arrayContaining(['person', 'umbrella']));
    expect(rainy.tints.umbrella).toMatchObject({ word: 'red' });
    expect(analysePrompt('撑着伞的女孩').motifs).toContain('umbrella');
    for (let seed = 1; seed <= 4; seed++) {
      const yellow = { ...scene(seed), tints: { person: hsl(52, 0.8, 0.5) } };
      const r = drawAlone(yellow, person(yellow, 500, 800, INK));
      const b = paintedBox(r);
      const at = (y: number) => {
        const i = (Math.round(y) * 1000 + 500) * 4;
        return rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! });
      };
      const height = b.bottom - b.top;
      // The coat at mid-chest is the colour given; the head stays the dark figure colour.
      expect(at(b.top + height * 0.3).h).toBeCloseTo(52, -1);
      expect(at(b.top + height * 0.04).l).toBeLessThan(0.2);
      const bare = box(person(scene(seed), 500, 800, INK));
      const covered = box(person(scene(seed), 500, 800, INK, true));
      expect(covered.top).toBeLessThan(bare.top - 10);
      expect(covered.width).toBeGreaterThan(bare.width * 1.5);
    }
  });
});
