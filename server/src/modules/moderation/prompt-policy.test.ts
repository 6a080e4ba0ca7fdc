import { describe, expect, it } from 'vitest';
import { PromptPolicy } from './prompt-policy.js';

const policy = new PromptPolicy({
  sexual: ['nude', 'naked', '裸体', 'nsfw*'],
  violence: ['gore', 'behead', '血腥', '斩首'],
  minors: ['young girl'],
});

describe('the prompt policy matches terms after normalisation', () => {
  it('passes a prompt without any term, and words that only contain one (no match inside a longer word)', () => {
    expect(policy.categoryOf('a lighthouse on a cliff at dusk')).toBeUndefined();
    expect(policy.categoryOf('the gorge at sunrise, a nudebranch sketch')).toBeUndefined();
    expect(policy.categoryOf('一座灯塔')).toBeUndefined();
  });

  it('names the category of the first term found', () => {
    expect(policy.categoryOf('a nude figure')).toBe('sexual');
    expect(policy.categoryOf('a scene full of gore')).toBe('violence');
  });

  it('ignores case', () => expect(policy.categoryOf('NuDe portrait')).toBe('sexual'));

  it('folds full-width letters to half width (NFKC)', () => expect(policy.categoryOf('ｎｕｄｅ portrait')).toBe('sexual'));

  it('drops accents', () => expect(policy.categoryOf('a nüdé portrait')).toBe('sexual'));

  it('drops zero-width characters inside a word', () => {
    expect(policy.categoryOf('a nu\u200Bde por\u200Ctrait')).toBe('sexual');
    expect(policy.categoryOf('go\u2060re\uFEFF')).toBe('violence');
  });

  it('joins letters spaced or dotted out', () => {
    expect(policy.categoryOf('a n u d e portrait')).toBe('sexual');
    expect(policy.categoryOf('g.o.r.e everywhere')).toBe('violence');
    expect(policy.categoryOf('a n-u-d-e')).toBe('sexual');
  });

  it('undoes leetspeak: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s', () => {
    expect(policy.categoryOf('g0r3')).toBe('violence');
    expect(policy.categoryOf('n4k3d')).toBe('sexual');
    expect(policy.categoryOf('nud3')).toBe('sexual');
    expect(policy.categoryOf('n@ked')).toBe('sexual');
    expect(policy.categoryOf('n$fw')).toBe('sexual');
    expect(policy.categoryOf('n5fw')).toBe('sexual');
    expect(new PromptPolicy({ x: ['tit'] }).categoryOf('717')).toBe('x');
    expect(new PromptPolicy({ x: ['ill'] }).categoryOf('1ll')).toBe('x');
  });

  it('matches Chinese terms anywhere, with spaces, full-width punctuation or zero-width characters between the characters', () => {
    expect(policy.categoryOf('一个裸体的人')).toBe('sexual');
    expect(policy.categoryOf('裸 体')).toBe('sexual');
    expect(policy.categoryOf('裸，体')).toBe('sexual');
    expect(policy.categoryOf('血\u200B腥的场面')).toBe('violence');
    expect(policy.categoryOf('斩首')).toBe('violence');
  });

  it('matches terms of several words in order, and a term ending in * as a prefix', () => {
    expect(policy.categoryOf('a YOUNG  girl')).toBe('minors');
    expect(policy.categoryOf('a girl, young')).toBeUndefined();
    expect(policy.categoryOf('NSFW_content')).toBe('sexual');
    expect(policy.categoryOf('nsfwish')).toBe('sexual');
  });

  it('checks every text given (an edit\'s summary and its instruction)', () => {
    expect(policy.categoryOf('Edit: crop', undefined, 'now make it naked')).toBe('sexual');
  });
});
