import { describe, expect, it } from 'vitest';
import { flaggedClass } from './image-policy.js';

const SCORES = { Drawing: 0.05, Hentai: 0.1, Neutral: 0.2, Porn: 0.6, Sexy: 0.05 };

describe('which class flags an image', () => {
  it('names the most probable class that reaches its threshold, and none when none does', () => {
    expect(flaggedClass(SCORES, { Porn: 0.5, Neutral: 0.1 })).toBe('Porn');
    expect(flaggedClass(SCORES, { Porn: 0.7, Neutral: 0.2 })).toBe('Neutral');
    expect(flaggedClass(SCORES, { Porn: 0.7, Sexy: 0.9 })).toBeUndefined();
  });

  it('flags every image at 0 and none above 1', () => {
    expect(flaggedClass({ Neutral: 1, Sexy: 0 }, { Sexy: 0 })).toBe('Sexy');
    expect(flaggedClass({ Porn: 1 }, { Porn: 1.01 })).toBeUndefined();
  });

  it('never flags a class the model gave no score, even at threshold 0', () => {
    expect(flaggedClass({ Neutral: 0.9 }, { Sexy: 0 })).toBeUndefined();
    expect(flaggedClass({ Neutral: 0.9 }, { Sexy: 0, Neutral: 0.5 })).toBe('Neutral');
  });
});
