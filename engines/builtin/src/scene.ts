/** Shared drawing context handed to every motif, plus small drawing helpers used across motifs. */
import { hex, hsl, mixHsl, type Hsl } from './color.js';
import type { Palette } from './palette.js';
import type { MotifId } from './prompt.js';
import { hashParts, Rng } from './rng.js';
import type { StyleSpec } from './styles.js';
import { n, type Point, type Stop, type SvgDoc } from './svg.js';
import { simplifyLine } from './terrain.js';

export interface Celestial {
  kind: 'sun' | 'moon';
  x: number;
  y: number;
  r: number;
}

export interface Scene {
  doc: SvgDoc;
  /** Per-image random stream for details. */
  rng: Rng;
  /** Scene size in user units (the geometric mean of the sides is 1000). */
  w: number;
  h: number;
  /** The shorter side, for object sizes. */
  m: number;
  /** y of the horizon in user units. */
  horizon: number;
  palette: Palette;
  style: StyleSpec;
  celestial?: Celestial;
  /**
   * Level of detail in (0, 1], from the raster the scene is drawn at (see `sceneDetail` in compose.ts). 1 draws every
   * detail exactly as designed. Below 1 the motifs draw repeated small details (stars, snowflakes, rain, wave dashes,
   * grass, windows, petals, puffs...) fewer and larger, simplify shapes smaller than a few pixels and merge
   * same-looking shapes into one element. They still draw the random stream exactly as at full detail, so a small
   * image keeps the layout of a large one.
   */
  detail: number;
  /** Seeds the choices that stay the same across the images of a set (see `setChoice`). */
  identity: number;
  /** Colours the prompt gives its subjects ("a red car"). */
  tints: Partial<Record<MotifId, Hsl>>;
  /** Second colours the prompt gives its subjects ("a black and white cow": white). */
  markings: Partial<Record<MotifId, Hsl>>;
  /**
   * When set, the main subjects (buildings, figures, boats, balloons) are drawn into this document of their own instead
   * of in place: the low-poly style draws them whole over its facets, which would otherwise average them away.
   */
  subjects?: { doc: SvgDoc; markup: string[] };
}

/**
 * A choice that stays the same in every image of a set, `key` naming what it is for: a horse keeps its coat and a car
 * its paint from one image to the next, where the per-image stream would change them.
 */
export function setChoice<T>(s: Scene, key: string, items: readonly T[]): T {
  return new Rng(hashParts(key, s.identity)).pick(items);
}

/** Draws a subject in place, or into the scene's separate subjects document (see `Scene.subjects`). */
export function subject(s: Scene, draw: () => string): string {
  if (!s.subjects) return draw();
  const sceneDoc = s.doc;
  s.doc = s.subjects.doc;
  try {
    s.subjects.markup.push(draw());
  } finally {
    s.doc = sceneDoc;
  }
  return '';
}

/** Whether windows and lanterns are lit: at night and under a dark sky (storms, dusk). */
export const lightsOn = (s: Scene): boolean => s.palette.night || s.palette.sky[0].l < 0.3;

/** Lamp light: warm, bright enough to read as a light source in every palette. */
export const lamp = (s: Scene): Hsl => mixHsl(hsl(46, 0.95, 0.72), s.palette.sun, 0.2);

/** Shorter raster side (pixels) from which a scene is drawn with every detail. */
export const FULL_DETAIL_PX = 512;

/** Smallest size, in raster pixels, a feature needs to keep its own shape in a reduced-detail scene. */
export const MIN_FEATURE_PX = 2;

/** Whether the scene is drawn with less than full detail. */
export const reduced = (s: Scene): boolean => s.detail < 1;

/** Size of one raster pixel in scene units; 0 at full detail, where nothing is simplified. */
export const pixelSize = (s: Scene): number => (s.detail >= 1 ? 0 : s.m / (s.detail * FULL_DETAIL_PX));

/** How far (raster pixels) a simplified outline may stray from the full one in a reduced scene. */
export const OUTLINE_TOLERANCE_PX = 0.4;

/** A ridge or outline as drawn: in reduced scenes without the wiggles smaller than about half a pixel. */
export const outline = (s: Scene, points: Point[]): Point[] => simplifyLine(points, pixelSize(s) * OUTLINE_TOLERANCE_PX);

/** Raster pixels covered by a length in scene units; Infinity at full detail, where nothing is simplified. */
export const pixels = (s: Scene, length: number): number => (s.detail >= 1 ? Infinity : (length * s.detail * FULL_DETAIL_PX) / s.m);

/**
 * How much a repeated small detail `size` scene units across grows in a reduced scene, where it is drawn thinned out:
 * up to a pixel across, and at most 1 / sqrt(detail) times. 1 at full detail and for details a pixel across or more.
 */
export function growth(s: Scene, size: number): number {
  if (s.detail >= 1) return 1;
  return Math.min(1 / Math.sqrt(s.detail), Math.max(1, 1 / pixels(s, size)));
}

/** Whether repeated detail `i` is drawn when `share` of them are: a well spread subset (every one at share 1). */
export const kept = (i: number, share: number): boolean => share >= 1 || (i * 0.6180339887498949) % 1 < share;

/**
 * The radius repeated dot `i` (stars, flakes, craters, small flower heads) is drawn at, or undefined when it is left
 * out: dots that grow (see `growth`) are drawn at a share 1 / growth^2, so together they cover about what all of them
 * would.
 */
export function dot(s: Scene, i: number, r: number): number | undefined {
  const g = growth(s, 2 * r);
  return g === 1 || kept(i, 1 / (g * g)) ? r * g : undefined;
}

/**
 * Repeated thin strokes (rain, wave dashes, grass blades, sparkles) are drawn at `strokeShare` of their full-detail
 * count, each `strokeScale` times as wide: 1 at full detail, else sqrt(detail) and its inverse.
 */
export const strokeShare = (s: Scene): number => Math.sqrt(Math.min(1, s.detail));
export const strokeScale = (s: Scene): number => 1 / strokeShare(s);

const sameStop = (a: Stop, b: Stop): boolean => hex(a[1]) === hex(b[1]) && (a[2] ?? 1) === (b[2] ?? 1);

/**
 * Gradient stops as drawn: in reduced scenes without end stops that repeat their neighbour, which change nothing (a
 * gradient pads beyond its end stops) but cost resvg as much as a small shape each.
 */
export function padStops(s: Scene, stops: Stop[]): Stop[] {
  if (!reduced(s)) return stops;
  let first = 0;
  let last = stops.length - 1;
  while (last - first > 1 && sameStop(stops[first], stops[first + 1])) first++;
  while (last - first > 1 && sameStop(stops[last], stops[last - 1])) last--;
  return stops.slice(first, last + 1);
}

/** Land colour at a depth in [0 = far, 1 = near]: distant layers dissolve into the haze. */
export function depthColour(s: Scene, depth: number): Hsl {
  const p = s.palette;
  const c = mixHsl(p.haze, p.land, 0.22 + 0.78 * Math.pow(depth, 0.9));
  return depth > 0.85 ? mixHsl(c, p.ink, (depth - 0.85) * 2) : c;
}

/** Fill for a land shape spanning y0..y1: a vertical gradient (misty at the foot) or a flat colour. */
export function landFill(s: Scene, colour: Hsl, y0: number, y1: number, mist = s.style.mist): string {
  if (!s.style.gradients) return hex(colour);
  const top = hsl(colour.h, colour.s, Math.min(1, colour.l + 0.05));
  const foot = mixHsl(colour, s.palette.haze, Math.min(0.85, mist * 0.75));
  return s.doc.linearAbs([[0, top], [0.55, colour], [1, mist > 0 ? foot : shadeDown(colour)]], 0, y0, 0, y1);
}

const shadeDown = (c: Hsl): Hsl => hsl(c.h, c.s, c.l * 0.85);

/** The halo strokes of a neon line, under its core (width 1, opaque): [width, opacity] each. */
const NEON_HALO: ReadonlyArray<readonly [number, number]> = [[7, 0.07], [4, 0.14], [2.2, 0.35]];

/** A path drawn as a glowing neon line. */
export function neonLine(s: Scene, d: string, colour: Hsl, width: number): string {
  const w = width * (s.m / 1000);
  const core = hsl(colour.h, colour.s, Math.min(0.92, colour.l + 0.25));
  const line = (c: Hsl, strokeWidth: number, opacity?: number) =>
    `<path d="${d}" fill="none" stroke="${hex(c)}" stroke-width="${n(strokeWidth)}"${opacity === undefined ? '' : ` stroke-opacity="${opacity}"`} stroke-linejoin="round" stroke-linecap="round"/>`;
  if (pixels(s, w * NEON_HALO[0][0]) < MIN_FEATURE_PX) {
    // The whole glow is a pixel or two across: one stroke that carries as much light as the four, in their mixed colour.
    const haloLight = NEON_HALO.reduce((sum, [k, o]) => sum + k * o, 0);
    const [k] = NEON_HALO[1];
    return line(mixHsl(colour, core, 1 / (1 + haloLight)), w * k, Number(((1 + haloLight) / k).toFixed(2)));
  }
  // A glow made of wide, faint strokes under a bright core: no blur filter, so it costs almost nothing to draw.
  return NEON_HALO.map(([k, o]) => line(colour, w * k, o)).join('') + line(core, w);
}

/** Whether watercolour washes straying `jitter` scene units from each other are drawn as one shape (under a pixel). */
export const washesMerged = (s: Scene, jitter: number): boolean => pixels(s, jitter) < 1;

/**
 * A shape with watercolour washes when the style asks for them, else a single opaque shape. `jitter` is how far (scene
 * units) the washes stray from each other: see `washesMerged`, which draws only the first shape, in the washes' combined
 * opacity.
 */
export function washedShape(s: Scene, paths: string[], fill: string, jitter = 0): string {
  if (s.style.washes <= 0 || paths.length <= 1) return `<path d="${paths[0]}" fill="${fill}"/>`;
  const op = Math.min(1, 1.6 / paths.length);
  if (washesMerged(s, jitter)) {
    const alpha = 1 - (1 - 0.82) * Math.pow(1 - op * 0.7, paths.length - 1);
    return `<path d="${paths[0]}" fill="${fill}" fill-opacity="${alpha.toFixed(2)}"/>`;
  }
  // The first wash is opaque enough to hide what is behind; later ones add pigment pooling at the edges.
  return paths
    .map((d, i) => `<path d="${d}" fill="${fill}" fill-opacity="${(i === 0 ? 0.82 : op * 0.7).toFixed(2)}"/>`)
    .join('');
}

/** The scale from the reference 1000-unit scene to this scene's shorter side. */
export const u = (s: Scene, value: number): number => (value * s.m) / 1000;
