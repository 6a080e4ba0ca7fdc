import { describe, expect, it } from 'vitest';
import { planFor } from './motifs/test-fixtures.js';
import { analysePrompt } from './prompt.js';
import { hanToWords } from './prompt-han.js';

describe('Chinese prompts', () => {
  it('splits Chinese by longest match into the words the reader knows, dropping particles', () => {
    expect(hanToWords('海上的日落')).toEqual(['sea', 'sunset']);
    expect(hanToWords('红色的汽车在马路上')).toEqual(['red', 'car', 'road']);
    expect(hanToWords('城堡')).toEqual(['castle']);
    expect(hanToWords('白天的城市')).toEqual(['day', 'city']);
    // Characters it does not know stay together as one unknown word; Latin text passes through.
    expect(hanToWords('一只麒麟在飞')).toEqual(['麒麟', '飞']);
    expect(hanToWords('4k海边')).toEqual(['4k', 'seaside']);
  });

  it('reads subjects, themes, styles, colours, counts and exclusions from Chinese as from English', () => {
    const info = analysePrompt('两匹白马在草原上');
    expect(info.motifs).toEqual(expect.arrayContaining(['horse', 'hills']));
    expect(info.counts.horse).toBe(2);
    expect(info.tints.horse).toMatchObject({ word: 'white' });
    const city = analysePrompt('夜晚的赛博朋克城市');
    expect(city.themes).toEqual(expect.arrayContaining(['night', 'neon']));
    expect(city.styleHint).toBe('neon');
    expect(analysePrompt('水彩风格的雪山和湖').styleHint).toBe('watercolor');
    expect(analysePrompt('没有云的天空').excluded).toContain('clouds');
    expect(analysePrompt('一只麒麟').unknown).toContain('麒麟');
  });

  it('gives Chinese prompts the same kinds of scene as their English words', () => {
    expect(planFor('宇航员在月球上').ground).toBe('lunar');
    expect(planFor('海底的鱼和珊瑚').kind).toBe('underwater');
    expect(planFor('一杯咖啡和一本书').kind).toBe('stilllife');
    expect([...planFor('海边的灯塔').motifs]).toEqual(expect.arrayContaining(['lighthouse', 'sea']));
  });
});
