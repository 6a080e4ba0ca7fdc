import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { circleCapPath, circlePath, n } from './svg.js';

/** The definition `n` must keep: scenes (and so image bytes) depend on every character it writes. */
const reference = (value: number): string => {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
};

describe('n (SVG number text)', () => {
  it('writes one rounded decimal, no "-0", exactly as String(Math.round(v * 10) / 10)', () => {
    const edges = [0, -0, 0.04, -0.04, 0.05, -0.05, -0.5, 0.15, -0.15, 1.25, -1.25, 10, -10, 999.95, -999.95, 123456.78, 1e6 + 0.05, 2.675];
    expect(edges.map(n)).toEqual(edges.map(reference));
    expect([n(0.04), n(-0.04), n(-0.5), n(-1.25), n(1000)]).toEqual(['0', '0', '-0.5', '-1.2', '1000']);
    const rng = new Rng(7);
    const values = Array.from({ length: 20_000 }, (_, i) => rng.range(-1, 1) * 10 ** (i % 6));
    expect(values.filter((v) => n(v) !== reference(v))).toEqual([]);
  });
});

describe('circleCapPath (a circle cut by a horizontal line)', () => {
  it('keeps the whole circle above the line, nothing below it, and the cap in between', () => {
    expect(circleCapPath(10, 10, 5, 15)).toBe(circlePath(10, 10, 5));
    expect(circleCapPath(10, 10, 5, 5)).toBe('');
    // Cut through the centre: a half disc from (5, 10) over the top to (15, 10).
    expect(circleCapPath(10, 10, 5, 10)).toBe('M5 10A5 5 0 0 1 15 10z');
    // Cut below the centre: more than half remains (large arc), the chord 8 wide.
    expect(circleCapPath(10, 10, 5, 13)).toBe('M6 13A5 5 0 1 1 14 13z');
  });
});
