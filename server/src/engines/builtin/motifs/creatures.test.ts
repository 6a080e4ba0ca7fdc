import { describe, expect, it } from 'vitest';
import { hsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import { cat, dog, people, person } from './creatures.js';
import { drawAlone, motifScene, paintedBox } from './test-fixtures.js';

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
});
