/** Drawing an animal side-on: its own frame of points, smooth outlines, legs and coat colour. */
import { mixHsl, type Hsl } from '../color.js';
import type { MotifId } from '../prompt.js';
import type { Scene } from '../scene.js';
import { n } from '../svg.js';

/**
 * Points of an animal drawn in its own frame: `fx` forward from the middle of the body (toward the head) and `fy` up
 * from the ground, both in withers heights. The frame is mirrored when the animal faces left.
 */
export type Frame = (fx: number, fy: number) => string;

export function frame(x: number, y: number, height: number, dir: number): Frame {
  return (fx, fy) => `${n(x + dir * fx * height)} ${n(y - fy * height)}`;
}

/** A path of cubic curves through the frame: a start point, then three points per curve. */
export function curves(p: Frame, points: readonly (readonly [number, number])[]): string {
  let d = `M${p(...points[0]!)}`;
  for (let i = 1; i + 2 < points.length; i += 3) d += `C${p(...points[i]!)} ${p(...points[i + 1]!)} ${p(...points[i + 2]!)}`;
  return `${d}Z`;
}

/** Four legs from the belly (`top`) to the ground, tapering from `thick` to `thin`, at the given distances forward. */
export function legs(p: Frame, at: readonly number[], top: number, thick: number, thin: number): string {
  return at
    .map((fx) => `M${p(fx - thick / 2, top)}L${p(fx + thick / 2, top)}L${p(fx + thin / 2, 0)}L${p(fx - thin / 2, 0)}Z`)
    .join('');
}

/** The coat colour: natural, tinted a quarter toward the scene's figure colour; neon draws a plain silhouette. */
export function coat(s: Scene, natural: Hsl, figure: Hsl): Hsl {
  return s.style.neon ? figure : mixHsl(natural, figure, 0.25);
}

/**
 * The two colours the prompt gives a subject ("a black and white cow"), lighter first: the ground of its coat and its
 * marks. Undefined unless the prompt names two, and in neon, whose figures are one-colour silhouettes.
 */
export function twoTone(s: Scene, motif: MotifId): { light: Hsl; dark: Hsl } | undefined {
  const first = s.tints[motif];
  const second = s.markings[motif];
  if (!first || !second || s.style.neon) return undefined;
  return first.l >= second.l ? { light: first, dark: second } : { light: second, dark: first };
}

/** Oval patches on a coat: `[fx, fy, r]` in the animal's frame, each `r` wide and four fifths as tall. */
export function patches(x: number, y: number, height: number, dir: number, spots: readonly (readonly [number, number, number])[]): string {
  return spots
    .map(([fx, fy, r]) => {
      const cx = x + dir * fx * height;
      const cy = y - fy * height;
      const rr = r * height;
      return `M${n(cx - rr)} ${n(cy)}a${n(rr)} ${n(rr * 0.8)} 0 1 0 ${n(2 * rr)} 0a${n(rr)} ${n(rr * 0.8)} 0 1 0 ${n(-2 * rr)} 0Z`;
    })
    .join('');
}
