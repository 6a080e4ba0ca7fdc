/** A row of buildings standing on the ground: laid out by their widths, then drawn. */
import { castle, house, lighthouse, tower, windmill } from './motifs/buildings.js';
import { christmasTree } from './motifs/winter.js';
import type { MotifId } from './prompt.js';
import { u, type Scene } from './scene.js';
import type { Point } from './svg.js';
import { ridgeY } from './terrain.js';

/** A building to stand on the ridge: its size at a given nearness (0 at the horizon, 1 at the bottom) and how wide it stands. */
export interface Footing {
  kind: MotifId;
  /** Houses of a village (the village's width depends on it). */
  homes: number;
  size(near: number): number;
  width(size: number): number;
}

/** Side margins of the row, and how far it keeps from a lone tree's trunk (fractions of the width). */
export const ROW_MARGIN = 0.06;
export const TREE_CLEARANCE = 0.18;

/** A lighthouse's usual height (it varies by ±10 % around this). */
const LIGHTHOUSE_HEIGHT = (s: Scene) => u(s, 200);

function footing(s: Scene, kind: MotifId): Footing {
  const at = (from: number, span: number) => (near: number) => u(s, from + near * span);
  switch (kind) {
    case 'castle': return { kind, homes: 0, size: at(240, 160), width: (size) => size * 1.2 };
    case 'windmill': return { kind, homes: 0, size: at(170, 130), width: (height) => height * 1.25 }; // the sails' sweep
    case 'tower': return { kind, homes: 0, size: at(190, 150), width: (height) => height * 0.34 }; // the roof's eaves
    case 'xmastree': return { kind, homes: 0, size: at(200, 160), width: (height) => height * 0.62 };
    case 'house': return { kind, homes: 0, size: at(120, 150), width: (size) => size * 1.2 }; // with the eaves
    case 'village': {
      const homes = s.rng.int(4, 6);
      return { kind, homes, size: at(80, 90), width: (size) => size * (homes * 1.05 + 0.3) };
    }
    default: return { kind, homes: 0, size: () => LIGHTHOUSE_HEIGHT(s), width: (height) => height * 0.4 }; // lighthouse, gallery included
  }
}

/** Where one building of the row stands, and how large it is drawn. */
export interface Placement {
  footing: Footing;
  /** The middle of its foot. */
  x: number;
  y: number;
  size: number;
  /** How wide it stands at that size. */
  width: number;
}

/**
 * The buildings of `kinds` side by side on a ridge, in a random order: laid out by their widths so that none overlaps
 * another, all made smaller together when they would not fit, and kept clear of a lone tree (at `treeX`).
 */
export function layOutBuildings(s: Scene, kinds: readonly MotifId[], ridge: Point[], treeX?: number): Placement[] {
  const H = s.horizon;
  const below = s.h - H;
  const nearAt = (x: number) => (ridgeY(ridge, x) + u(s, 8) - H) / below;
  // The free stretch of ground: the whole width, or the wider side of the tree.
  let [from, to] = [s.w * ROW_MARGIN, s.w * (1 - ROW_MARGIN)];
  if (treeX !== undefined) [from, to] = treeX < s.w / 2 ? [treeX + s.w * TREE_CLEARANCE, to] : [from, treeX - s.w * TREE_CLEARANCE];
  const footings = s.rng.shuffle(kinds).map((kind) => footing(s, kind));
  // Widths where the row's middle is; the ground's slope changes each building's size by a little either way.
  const widths = footings.map((f) => f.width(f.size(nearAt((from + to) / 2))));
  const gap = s.w * 0.03;
  const needed = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  const scale = Math.min(1, (to - from) / needed);
  // What is left over spreads between and around the buildings, unevenly.
  const slack = to - from - needed * scale;
  const shares = footings.map(() => s.rng.range(0.5, 1.5));
  const unit = slack / (shares.reduce((a, b) => a + b, 0) + 1);
  let left = from + unit * s.rng.range(0.3, 1);
  return footings.map((f, i) => {
    const slot = widths[i]! * scale;
    const x = left + slot / 2;
    left += slot + gap * scale + unit * shares[i]!;
    const size = Math.min(f.size(nearAt(x)) * scale, slot / f.width(1));
    return { footing: f, x, y: ridgeY(ridge, x) + u(s, 8), size, width: f.width(size) };
  });
}

/** The row of buildings drawn (see layOutBuildings). */
export function buildingsOnRidge(s: Scene, kinds: readonly MotifId[], ridge: Point[], treeX?: number): string {
  return layOutBuildings(s, kinds, ridge, treeX).map(({ footing: f, x, y, size }) => {
    if (f.kind === 'castle') return castle(s, [x, y], size);
    if (f.kind === 'windmill') return windmill(s, [x, y], size);
    if (f.kind === 'house') return house(s, [x, y], size);
    if (f.kind === 'tower') return tower(s, [x, y], size);
    if (f.kind === 'xmastree') return christmasTree(s, [x, y], size);
    if (f.kind === 'village') return village(s, ridge, x, size, f.homes);
    return lighthouse(s, [x, y], x < s.w / 2 ? 1 : -1, size / LIGHTHOUSE_HEIGHT(s));
  }).join('');
}

/** `count` houses of a few sizes around x, each on the ridge, the smaller ones drawn first (set back). */
function village(s: Scene, ridge: Point[], x: number, size: number, count: number): string {
  const homes = Array.from({ length: count }, (_, i) => ({
    x: x + (i - (count - 1) / 2) * size * s.rng.range(0.9, 1.05),
    size: size * s.rng.range(0.6, 1),
  })).sort((a, b) => a.size - b.size);
  return homes.map((h) => house(s, [h.x, ridgeY(ridge, h.x) + u(s, 8) - h.size * 0.05], h.size)).join('');
}

