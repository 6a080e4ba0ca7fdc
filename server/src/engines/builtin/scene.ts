/** Shared drawing context handed to every motif, plus small drawing helpers used across motifs. */
import { hex, hsl, mixHsl, type Hsl } from './color.js';
import type { Palette } from './palette.js';
import type { Rng } from './rng.js';
import type { StyleSpec } from './styles.js';
import { n, type SvgDoc } from './svg.js';

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

/** A path drawn as a glowing neon line. */
export function neonLine(s: Scene, d: string, colour: Hsl, width: number): string {
  const w = width * (s.m / 1000);
  // A glow made of wide, faint strokes under a bright core: no blur filter, so it costs almost nothing to draw.
  const halo = hex(colour);
  return (
    `<path d="${d}" fill="none" stroke="${halo}" stroke-width="${n(w * 7)}" stroke-opacity="0.07" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${halo}" stroke-width="${n(w * 4)}" stroke-opacity="0.14" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${halo}" stroke-width="${n(w * 2.2)}" stroke-opacity="0.35" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<path d="${d}" fill="none" stroke="${hex(hsl(colour.h, colour.s, Math.min(0.92, colour.l + 0.25)))}" stroke-width="${n(w)}" stroke-linejoin="round" stroke-linecap="round"/>`
  );
}

/** A shape with watercolour washes when the style asks for them, else a single opaque shape. */
export function washedShape(s: Scene, paths: string[], fill: string): string {
  if (s.style.washes <= 0 || paths.length <= 1) return `<path d="${paths[0]}" fill="${fill}"/>`;
  const op = Math.min(1, 1.6 / paths.length);
  // The first wash is opaque enough to hide what is behind; later ones add pigment pooling at the edges.
  return paths
    .map((d, i) => `<path d="${d}" fill="${fill}" fill-opacity="${(i === 0 ? 0.82 : op * 0.7).toFixed(2)}"/>`)
    .join('');
}

/** The scale from the reference 1000-unit scene to this scene's shorter side. */
export const u = (s: Scene, value: number): number => (value * s.m) / 1000;
