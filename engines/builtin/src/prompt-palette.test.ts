import { describe, expect, it } from 'vitest';
import { hslToRgb, hsl, mixHsl, parseColour, rgbToHsl } from './color.js';
import { buildPalette, blendReferenceColours } from './palette.js';
import { analysePrompt } from './prompt.js';
import { hashParts, Rng } from './rng.js';

describe('Rng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = new Rng(123);
    const b = new Rng(123);
    const c = new Rng(124);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    for (const v of seqA) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });

  it('hashes parts without collisions between reordered or concatenated inputs', () => {
    expect(hashParts('a', 1)).toBe(hashParts('a', 1));
    expect(hashParts('a', 1)).not.toBe(hashParts(1, 'a'));
    expect(hashParts('ab', 'c')).not.toBe(hashParts('a', 'bc'));
    expect(hashParts('x', 1)).not.toBe(hashParts('x', '1'));
  });

  it('forks independent streams without advancing the parent', () => {
    const r = new Rng(9);
    const f1 = r.fork('palette').next();
    const f2 = r.fork('palette').next();
    expect(f1).toBe(f2);
    expect(r.fork('plan').next()).not.toBe(f1);
  });
});

describe('colour helpers', () => {
  it('round-trips HSL and RGB', () => {
    for (const c of [hsl(0, 1, 0.5), hsl(210, 0.6, 0.4), hsl(45, 0.9, 0.8)]) {
      const back = rgbToHsl(hslToRgb(c));
      expect(back.h).toBeCloseTo(c.h, 0);
      expect(back.s).toBeCloseTo(c.s, 1);
      expect(back.l).toBeCloseTo(c.l, 1);
    }
  });

  it('mixes far-apart hues like paint, never through green', () => {
    const mid = hslToRgb(mixHsl(hsl(215, 0.6, 0.5), hsl(30, 0.9, 0.6), 0.5));
    expect(mid.g).toBeLessThanOrEqual(Math.max(mid.r, mid.b));
  });

  it('parses named and hex colours only', () => {
    expect(parseColour('white')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseColour('#f80')).toEqual({ r: 255, g: 136, b: 0 });
    expect(parseColour(' #00FF00 ')).toEqual({ r: 0, g: 255, b: 0 });
    expect(parseColour('url(#x)')).toBeUndefined();
    expect(parseColour('sparkly')).toBeUndefined();
  });
});

describe('analysePrompt', () => {
  it('finds themes, motifs, colours and a style hint', () => {
    const info = analysePrompt('A watercolour painting of misty Mountains at SUNSET, with red flowers and no clouds!');
    expect(info.themes).toContain('sunset');
    expect(info.motifs).toEqual(expect.arrayContaining(['mountains', 'sun', 'flowers']));
    expect(info.motifs).not.toContain('clouds');
    expect(info.excluded).toContain('clouds');
    expect(info.tints.flowers).toMatchObject({ word: 'red' });
    expect(info.colours).toEqual([]);
    expect(info.styleHint).toBe('watercolor');
  });

  it('understands two-word phrases and plurals', () => {
    expect(analysePrompt('northern lights over pine trees').motifs).toEqual(expect.arrayContaining(['aurora', 'forest']));
    expect(analysePrompt('a low poly city').styleHint).toBe('low-poly');
    expect(analysePrompt('cats and skyscrapers').motifs).toEqual(expect.arrayContaining(['cat', 'city']));
  });

  it('reads phrases whose words alone would name the wrong subject', () => {
    expect(analysePrompt('a man-made lake').motifs).toEqual(['lake']);
    expect(analysePrompt('a small town in the hills').motifs).toEqual(['village', 'hills']);
    expect(analysePrompt('a cloudless sky over the desert')).toMatchObject({ motifs: ['desert'], excluded: ['clouds'] });
    expect(analysePrompt('mountains under a clear sky')).toMatchObject({ motifs: ['mountains'], excluded: ['clouds'] });
    expect(analysePrompt('a moonless, starless night').excluded).toEqual(['moon', 'stars']);
  });

  it('keeps unknown words for seeding and ignores filler', () => {
    const info = analysePrompt('the beautiful zorblax of quuxland');
    expect(info.unknown).toEqual(['zorblax', 'quuxland']);
    expect(info.motifs).toEqual([]);
  });
});

describe('buildPalette', () => {
  const luminance = (c: { h: number; s: number; l: number }) => {
    const { r, g, b } = hslToRgb(c);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };

  it('gives night prompts a dark sky and day prompts a light one', () => {
    const night = buildPalette({ info: analysePrompt('a quiet night'), rng: new Rng(1) });
    const day = buildPalette({ info: analysePrompt('a sunny day'), rng: new Rng(1) });
    expect(night.night).toBe(true);
    expect(luminance(night.sky[0])).toBeLessThan(luminance(day.sky[0]) - 60);
  });

  it('treats stars and moon as night when no time is named', () => {
    expect(buildPalette({ info: analysePrompt('stars over the sea'), rng: new Rng(3) }).night).toBe(true);
  });

  it('reads a coloured sky as the sky\'s colour and the time of day it implies', () => {
    const blue = analysePrompt('a field of sunflowers under a blue sky');
    expect(blue.skyColour).toMatchObject({ word: 'blue' });
    expect(blue.themes).toEqual(['day']);
    expect(blue.tints.clouds).toBeUndefined();
    expect(blue.colours).toEqual([]);
    expect(analysePrompt('a red sky over the sea').themes).toContain('sunset');
    expect(analysePrompt('a black sky').themes).toEqual(['night']);
    expect(analysePrompt('a blue sky at night').themes).toEqual(['night']);
    for (let seed = 1; seed <= 24; seed++) {
      // Without a sky colour, one seed in six draws these prompts at night.
      const p = buildPalette({ info: analysePrompt('a field of sunflowers under a blue sky'), rng: new Rng(seed) });
      expect(p.night, `seed ${seed}`).toBe(false);
      expect(Math.abs(p.sky[1].h - 215), `seed ${seed}`).toBeLessThan(25);
      expect(luminance(p.sky[1]), `seed ${seed}`).toBeGreaterThan(90);
    }
    // The sky's colour goes to the sky even when another colour is named first.
    for (let seed = 1; seed <= 3; seed++) {
      const p = buildPalette({ info: analysePrompt('a green field under a purple sky'), rng: new Rng(seed) });
      expect(Math.abs(p.sky[1].h - 280), `seed ${seed}`).toBeLessThan(25);
    }
  });

  it('follows colour words when no theme is named', () => {
    const p = buildPalette({ info: analysePrompt('purple'), rng: new Rng(5) });
    expect(Math.abs(p.sky[0].h - 275)).toBeLessThan(15);
  });

  it('is a pure function of its inputs', () => {
    const a = buildPalette({ info: analysePrompt('autumn lake'), rng: new Rng(77) });
    const b = buildPalette({ info: analysePrompt('autumn lake'), rng: new Rng(77) });
    expect(a).toEqual(b);
  });

  it('moves toward reference colours', () => {
    const p = buildPalette({ info: analysePrompt('ocean'), rng: new Rng(2) });
    const red = blendReferenceColours(p, [{ rgb: { r: 210, g: 20, b: 20 }, weight: 1 }]);
    const redness = (c: { h: number; s: number; l: number }) => {
      const { r, g, b } = hslToRgb(c);
      return r - (g + b) / 2;
    };
    expect(redness(red.sky[1])).toBeGreaterThan(redness(p.sky[1]) + 30);
    expect(redness(red.land)).toBeGreaterThan(redness(p.land));
  });
});
