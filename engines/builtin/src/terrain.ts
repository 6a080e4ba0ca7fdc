/** Ridge lines for mountains, hills and dunes (pure functions of an Rng). */
import type { Rng } from './rng.js';
import type { Point } from './svg.js';

export interface RidgeOptions {
  x0: number;
  x1: number;
  /** y of the ridge's lowest points (the base line). */
  base: number;
  /** Maximum rise above the base. */
  height: number;
  /** Number of points along the ridge. */
  points: number;
}

/**
 * Jagged mountain range: alternating summits and saddles as control points, then recursive midpoint displacement
 * between them (each level halves the segment and the displacement).
 */
export function mountainRidge(rng: Rng, o: RidgeOptions & { peaks: number; roughness: number }): Point[] {
  const span = o.x1 - o.x0;
  const ctrl: Point[] = [[o.x0, o.base - o.height * rng.range(0.1, 0.35)]];
  const step = span / o.peaks;
  let previous = o.height * 0.3;
  for (let i = 0; i < o.peaks; i++) {
    const rise = o.height * (i % 2 === 0 ? rng.range(0.6, 1) : rng.range(0.35, 0.75));
    const px = o.x0 + step * (i + 0.5 + rng.jitter(0.25));
    if (i > 0) {
      const sx = (ctrl[ctrl.length - 1][0] + px) / 2 + rng.jitter(step * 0.12);
      ctrl.push([sx, o.base - Math.min(previous, rise) * rng.range(0.25, 0.6)]);
    }
    ctrl.push([px, o.base - rise]);
    previous = rise;
  }
  ctrl.push([o.x1, o.base - o.height * rng.range(0.1, 0.35)]);
  const levels = Math.max(2, Math.ceil(Math.log2(Math.max(2, o.points) / (ctrl.length - 1))));
  const out: Point[] = [ctrl[0]];
  const top = o.base - o.height * 1.15;
  const displace = (a: Point, b: Point, level: number, amp: number) => {
    if (level === 0) {
      out.push(b);
      return;
    }
    const mid: Point = [(a[0] + b[0]) / 2, Math.min(o.base, Math.max(top, (a[1] + b[1]) / 2 + rng.jitter(amp)))];
    displace(a, mid, level - 1, amp * o.roughness);
    displace(mid, b, level - 1, amp * o.roughness);
  };
  for (let i = 1; i < ctrl.length; i++) {
    const a = ctrl[i - 1];
    const b = ctrl[i];
    displace(a, b, levels, Math.abs(b[0] - a[0]) * 0.22);
  }
  return out;
}

/** Rolling hills: a sum of a few sines with random phase. */
export function hillRidge(rng: Rng, o: RidgeOptions & { waves: number }): Point[] {
  const span = o.x1 - o.x0;
  const comps = Array.from({ length: 3 }, (_, k) => ({
    f: ((rng.range(0.6, 1.4) * o.waves * (k + 1)) / span) * Math.PI * 2,
    p: rng.range(0, Math.PI * 2),
    a: 1 / (k + 1.4),
  }));
  const norm = comps.reduce((s, c) => s + c.a, 0);
  const out: Point[] = [];
  for (let i = 0; i < o.points; i++) {
    const x = o.x0 + (span * i) / (o.points - 1);
    let v = 0;
    for (const c of comps) v += Math.sin(x * c.f + c.p) * c.a;
    out.push([x, o.base - o.height * (0.5 + (0.5 * v) / norm)]);
  }
  return out;
}

/** Dune crests: asymmetric smooth bumps (long windward slope, steep lee side). */
export function duneRidge(rng: Rng, o: RidgeOptions & { dunes: number }): Point[] {
  const span = o.x1 - o.x0;
  const crests = Array.from({ length: o.dunes }, (_, i) => ({
    x: o.x0 + span * ((i + 0.5 + rng.jitter(0.3)) / o.dunes),
    h: o.height * rng.range(0.45, 1),
  }));
  const out: Point[] = [];
  for (let i = 0; i < o.points; i++) {
    const x = o.x0 + (span * i) / (o.points - 1);
    let rise = 0;
    for (const c of crests) {
      const d = (x - c.x) / (span / o.dunes);
      const shape = d < 0 ? Math.exp(-d * d * 2.2) : Math.exp(-d * d * 9);
      rise = Math.max(rise, c.h * shape);
    }
    out.push([x, o.base - rise]);
  }
  return out;
}

/** 1-D fractal value noise in [-1, 1], `octaves` layers, amplitude multiplied by `persistence` per octave. */
export function fractalNoise1d(rng: Rng, count: number, octaves: number, persistence: number): number[] {
  const out = new Array<number>(count).fill(0);
  let amp = 1;
  let total = 0;
  for (let o = 0; o < octaves; o++) {
    const knots = 2 + 2 ** (o + 1);
    const values = Array.from({ length: knots + 1 }, () => rng.jitter(1));
    for (let i = 0; i < count; i++) {
      const pos = (i / Math.max(1, count - 1)) * knots;
      const k = Math.min(knots - 1, Math.floor(pos));
      const f = pos - k;
      const s = f * f * (3 - 2 * f);
      out[i] += (values[k] * (1 - s) + values[k + 1] * s) * amp;
    }
    total += amp;
    amp *= persistence;
  }
  return out.map((v) => v / total);
}

/** Copy of a ridge with every point nudged vertically (for watercolour washes). */
export function jitterRidge(rng: Rng, ridge: Point[], amount: number): Point[] {
  const noise = fractalNoise1d(rng, ridge.length, 3, 0.6);
  return ridge.map(([x, y], i) => [x, y + noise[i] * amount]);
}

/** y of the ridge at x (linear interpolation; ridge points sorted by x). */
export function ridgeY(ridge: Point[], x: number): number {
  if (x <= ridge[0][0]) return ridge[0][1];
  for (let i = 1; i < ridge.length; i++) {
    if (x <= ridge[i][0]) {
      const [x0, y0] = ridge[i - 1];
      const [x1, y1] = ridge[i];
      const f = (x - x0) / (x1 - x0 || 1);
      return y0 + (y1 - y0) * f;
    }
  }
  return ridge[ridge.length - 1][1];
}

/**
 * The polyline with the points dropped that it can lose while staying within `tolerance` of the original
 * (Douglas-Peucker); the first and last points are always kept. A tolerance of 0 keeps every point.
 */
export function simplifyLine(points: Point[], tolerance: number): Point[] {
  if (tolerance <= 0 || points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const [ax, ay] = points[a];
    const dx = points[b][0] - ax;
    const dy = points[b][1] - ay;
    const len = Math.hypot(dx, dy) || 1;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs((points[i][0] - ax) * dy - (points[i][1] - ay) * dx) / len;
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([a, worst], [worst, b]);
  }
  return points.filter((_, i) => keep[i] === 1);
}
