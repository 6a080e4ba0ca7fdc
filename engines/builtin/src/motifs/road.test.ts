import { describe, expect, it } from 'vitest';
import { rgbToHsl } from '../color.js';
import { analysePrompt } from '../prompt.js';
import type { Raster } from '../render-small.js';
import { car, cars, road } from './road.js';
import { alphaAt, drawAlone, motifScene, paintedBox, planFor, type Box } from './test-fixtures.js';

function paintedWidth(r: Raster, y: number): number {
  let count = 0;
  for (let x = 0; x < r.width; x++) if (alphaAt(r, x, y) > 128) count++;
  return count;
}

/** Saturated red pixels: tail lights (or a red car). */
function redLights(r: Raster): number {
  let count = 0;
  for (let i = 0; i < r.data.length; i += 4) {
    if (r.data[i + 3]! < 60) continue;
    const c = rgbToHsl({ r: r.data[i]!, g: r.data[i + 1]!, b: r.data[i + 2]! });
    if ((c.h < 12 || c.h > 348) && c.s > 0.6 && c.l > 0.35) count++;
  }
  return count;
}

/** The boxes of the separate painted shapes (4-connected, alpha > 128), largest area first; specks are left out. */
function shapes(r: Raster): Box[] {
  const seen = new Uint8Array(r.width * r.height);
  const out: { box: Box; area: number }[] = [];
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || r.data[start * 4 + 3]! <= 128) continue;
    const box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    let area = 0;
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const [x, y] = [i % r.width, Math.floor(i / r.width)];
      [box.left, box.right, box.top, box.bottom] = [Math.min(box.left, x), Math.max(box.right, x), Math.min(box.top, y), Math.max(box.bottom, y)];
      area++;
      for (const j of [x > 0 ? i - 1 : -1, x + 1 < r.width ? i + 1 : -1, i - r.width, i + r.width]) {
        if (j >= 0 && j < seen.length && !seen[j] && r.data[j * 4 + 3]! > 128) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (area > 50) out.push({ box, area });
  }
  return out.sort((a, b) => b.area - a.area).map((o) => o.box);
}

describe('a road and a car', () => {
  it('reads roads and cars in prompts (a car brings its road)', () => {
    for (const prompt of ['a road through the desert', 'an empty highway', 'road trip']) expect(analysePrompt(prompt).motifs, prompt).toContain('road');
    for (const prompt of ['a red car', 'a truck in the snow', 'driving at night']) expect(analysePrompt(prompt).motifs, prompt).toEqual(expect.arrayContaining(['car', 'road']));
  });

  it('runs from a point on the horizon and widens toward the bottom, with dashes down its middle', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('a road through the hills', 'flat', seed);
      const way = road(s);
      const r = drawAlone(s, way.svg);
      expect(alphaAt(r, 500, s.horizon - 5)).toBe(0);
      const widths = [620, 700, 800, 900, 990].map((y) => paintedWidth(r, y));
      for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThan(widths[i - 1]!);
      expect(widths[4]!).toBeGreaterThan(500);
      expect(way.at(s.horizon).half).toBe(0);
      // The dashes: light pixels along the middle line, none at the road's sides.
      let light = 0;
      for (let y = 650; y < 1000; y += 2) {
        const { x, half } = way.at(y);
        const mid = (r.data[(y * r.width + Math.round(x)) * 4 + 1] ?? 0) > 150;
        const edge = (r.data[(y * r.width + Math.round(x - half * 0.6)) * 4 + 1] ?? 0) > 150;
        if (mid) light++;
        expect(edge).toBe(false);
      }
      expect(light).toBeGreaterThan(40);
    }
  });

  it('a car sits on one side of the road, with red tail lights that glow at night', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const day = motifScene('a car on a road on a sunny day', 'flat', seed);
      const way = road(day);
      const drawn = drawAlone(day, car(day, way));
      const b = paintedBox(drawn);
      const lane = way.at(b.bottom);
      expect(b.left).toBeGreaterThan(lane.x - lane.half);
      expect(b.right).toBeLessThan(lane.x + lane.half);
      expect(Math.abs((b.left + b.right) / 2 - lane.x)).toBeGreaterThan(lane.half * 0.2);
      expect(redLights(drawn)).toBeGreaterThan(20);
      // The same car at night (the scene's random stream is the same): its lights glow out beyond its sides.
      const night = motifScene('a car on a road at night', 'flat', seed);
      const glowing = paintedBox(drawAlone(night, car(night, road(night))), 10);
      const plain = paintedBox(drawn, 10);
      expect(glowing.right - glowing.left).toBeGreaterThan((plain.right - plain.left) * 1.1);
    }
  });

  it('counted cars make a line down the road: apart, on both sides, nearer ones lower and larger, each in its own paint', () => {
    expect(planFor('three cars on a road').counts.car).toBe(3);
    expect(planFor('cars on a highway').counts.car).toBeGreaterThanOrEqual(2);
    for (let seed = 1; seed <= 4; seed++) {
      const s = motifScene('three cars on a road', 'flat', seed);
      const way = road(s);
      const line = shapes(drawAlone(s, cars(s, way, 3))).sort((a, b) => a.bottom - b.bottom);
      expect(line).toHaveLength(3);
      const middles = line.map((b) => (b.left + b.right) / 2 - way.at(b.bottom).x);
      expect(middles.some((m) => m < 0) && middles.some((m) => m > 0)).toBe(true);
      const widths = line.map((b) => b.right - b.left);
      expect(widths[1]!).toBeGreaterThan(widths[0]!);
      expect(widths[2]!).toBeGreaterThan(widths[1]!);
    }
    // Paints: the set's first, then others; a colour the prompt names paints them all.
    const paints = (s: ReturnType<typeof motifScene>) => {
      const r = drawAlone(s, cars(s, road(s), 2));
      return shapes(r).map((b) => {
        // Low on the body, right of the number plate and below the tail lights.
        const i = (Math.round(b.top + (b.bottom - b.top) * 0.8) * r.width + Math.round((b.left + b.right) / 2 + (b.right - b.left) * 0.2)) * 4;
        return `${r.data[i]},${r.data[i + 1]},${r.data[i + 2]}`;
      });
    };
    const own = paints(motifScene('two cars on a road on a sunny day', 'flat', 2));
    expect(new Set(own).size).toBe(2);
    const red = paints({ ...motifScene('two cars on a road on a sunny day', 'flat', 2), tints: { car: { h: 0, s: 0.7, l: 0.45 } } });
    expect(new Set(red).size).toBe(1);
  });
});
