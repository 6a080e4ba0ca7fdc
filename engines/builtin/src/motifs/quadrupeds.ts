/**
 * Large animals standing side-on, facing left or right: a horse and a deer. (The small figures in creatures.ts sit
 * with their backs to the viewer; a horse or a deer reads only in profile, by its legs, neck and head.)
 */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { setChoice, u, type Scene } from '../scene.js';
import { n } from '../svg.js';
import { coat, curves, frame, legs, patches, twoTone, type Frame } from './profile.js';

const HORSE_COATS: readonly Hsl[] = [
  hsl(20, 0.55, 0.28), // bay
  hsl(16, 0.6, 0.38), // chestnut
  hsl(25, 0.12, 0.12), // black
  hsl(30, 0.06, 0.72), // grey
  hsl(38, 0.5, 0.6), // palomino
];

/** A pinto's patches, inside the torso and up the neck (the horse's frame). */
const PINTO_PATCHES = [[-0.3, 0.78, 0.14], [0.12, 0.72, 0.11], [0.42, 0.82, 0.08], [-0.53, 0.8, 0.07], [0.53, 1.1, 0.05]] as const;

/**
 * A horse standing side-on, head up, with a darker mane and a long tail. `y` is the ground under it. Its coat is the
 * prompt's ("a white horse"; "a black and white horse" is a pinto), else one the whole set shares.
 */
export function horse(s: Scene, x: number, y: number, colour: Hsl, scale = 1, rider?: Hsl): string {
  const height = u(s, s.rng.range(130, 160)) * scale;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  // A pinto when the prompt names two colours ("a black and white horse"): the darker in patches, and in its hair.
  const pinto = twoTone(s, 'horse');
  const body = coat(s, pinto?.light ?? s.tints.horse ?? setChoice(s, 'horse', HORSE_COATS), colour);
  const hair = pinto ? coat(s, pinto.dark, colour) : s.style.neon ? body : mixHsl(body, hsl(body.h, body.s, 0.06), 0.6);
  const p = frame(x, y, height, dir);
  const torso = curves(p, [
    [-0.5, 0.97],
    [-0.25, 1.0], [0.0, 0.9], [0.3, 0.98],
    [0.45, 1.0], [0.58, 0.85], [0.55, 0.68],
    [0.52, 0.55], [0.35, 0.5], [0.1, 0.52],
    [-0.15, 0.5], [-0.35, 0.52], [-0.5, 0.6],
    [-0.62, 0.68], [-0.64, 0.92], [-0.5, 0.97],
  ]);
  const neck = curves(p, [
    [0.26, 0.95],
    [0.4, 1.15], [0.5, 1.3], [0.56, 1.4],
    [0.62, 1.33], [0.68, 1.28], [0.72, 1.24],
    [0.62, 1.05], [0.6, 0.85], [0.55, 0.68],
  ]);
  const head = curves(p, [
    [0.54, 1.38],
    [0.62, 1.47], [0.7, 1.42], [0.88, 1.18],
    [0.91, 1.12], [0.86, 1.08], [0.8, 1.09],
    [0.74, 1.15], [0.68, 1.22], [0.6, 1.24],
  ]);
  const ear = `M${p(0.56, 1.42)}L${p(0.58, 1.54)}L${p(0.63, 1.43)}Z`;
  const mane = `M${p(0.57, 1.41)}C${p(0.48, 1.3)} ${p(0.38, 1.13)} ${p(0.28, 0.98)}`;
  const tail = `M${p(-0.58, 0.93)}C${p(-0.72, 0.86)} ${p(-0.71, 0.56)} ${p(-0.67, 0.34)}`;
  return (
    `<path d="${tail}" fill="none" stroke="${hex(hair)}" stroke-width="${n(height * 0.09)}" stroke-linecap="round"/>` +
    `<g fill="${hex(body)}"><path d="${legs(p, [-0.42, -0.3, 0.33, 0.45], 0.62, 0.1, 0.06)}"/><path d="${torso}"/><path d="${neck}"/>` +
    `<path d="${head}"/><path d="${ear}"/></g>` +
    (pinto ? `<path d="${patches(x, y, height, dir, PINTO_PATCHES)}" fill="${hex(hair)}"/>` : '') +
    `<path d="${mane}" fill="none" stroke="${hex(hair)}" stroke-width="${n(height * 0.06)}" stroke-linecap="round"/>` +
    (rider ? seatedRider(p, height, rider) : '')
  );
}

/** A rider in the saddle, upright, the near leg down the horse's side and the hands forward at the reins. */
function seatedRider(p: Frame, height: number, colour: Hsl): string {
  const c = hex(colour);
  const torso = `M${p(-0.12, 0.96)}L${p(0.1, 0.96)}L${p(0.08, 1.42)}L${p(-0.06, 1.42)}Z`;
  const head = curves(p, [[0.01, 1.45], [0.1, 1.45], [0.1, 1.62], [0.01, 1.62], [-0.08, 1.62], [-0.08, 1.45], [0.01, 1.45]]);
  const limbs = `M${p(0, 0.98)}L${p(0.1, 0.72)}L${p(0.06, 0.52)}M${p(0.04, 1.36)}L${p(0.18, 1.16)}L${p(0.3, 1.18)}`;
  return `<g fill="${c}"><path d="${torso}"/><path d="${head}"/></g>` +
    `<path d="${limbs}" fill="none" stroke="${c}" stroke-width="${n(height * 0.07)}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

/** A stag standing side-on, head up: slim legs, large ears, branching antlers and a white scut. */
export function deer(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const height = u(s, s.rng.range(125, 150)) * scale;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const body = coat(s, hsl(27, 0.5, 0.42), colour);
  const antler = s.style.neon ? body : mixHsl(hsl(38, 0.3, 0.72), colour, 0.15);
  const white = s.style.neon ? body : mixHsl(hsl(35, 0.25, 0.93), colour, 0.1);
  const p = frame(x, y, height, dir);
  const torso = curves(p, [
    [-0.42, 0.95],
    [-0.2, 1.0], [0.1, 0.95], [0.3, 0.98],
    [0.45, 1.0], [0.52, 0.85], [0.48, 0.72],
    [0.44, 0.6], [0.3, 0.58], [0.1, 0.6],
    [-0.1, 0.58], [-0.3, 0.6], [-0.42, 0.66],
    [-0.52, 0.72], [-0.52, 0.9], [-0.42, 0.95],
  ]);
  const neck = curves(p, [
    [0.27, 0.96],
    [0.35, 1.15], [0.42, 1.3], [0.47, 1.43],
    [0.52, 1.41], [0.56, 1.38], [0.6, 1.36],
    [0.55, 1.15], [0.55, 0.9], [0.48, 0.72],
  ]);
  const head = curves(p, [
    [0.45, 1.42],
    [0.5, 1.51], [0.58, 1.5], [0.73, 1.34],
    [0.75, 1.3], [0.71, 1.27], [0.66, 1.28],
    [0.6, 1.32], [0.54, 1.33], [0.49, 1.34],
  ]);
  const ears = curves(p, [
    [0.49, 1.47],
    [0.42, 1.56], [0.36, 1.57], [0.33, 1.55],
    [0.37, 1.49], [0.43, 1.46], [0.49, 1.44],
  ]);
  // Two antlers, the far one a little behind the near one: a beam sweeping up and back, with three tines.
  const beam = (dx: number) =>
    `M${p(0.52 + dx, 1.49)}C${p(0.5 + dx, 1.66)} ${p(0.44 + dx, 1.8)} ${p(0.33 + dx, 1.94)}` +
    `M${p(0.505 + dx, 1.62)}L${p(0.59 + dx, 1.74)}M${p(0.465 + dx, 1.75)}L${p(0.53 + dx, 1.9)}M${p(0.4 + dx, 1.85)}L${p(0.35 + dx, 2.0)}`;
  return (
    `<g fill="${hex(body)}"><path d="${legs(p, [-0.34, -0.24, 0.3, 0.4], 0.66, 0.075, 0.035)}"/><path d="${torso}"/>` +
    `<path d="${neck}"/><path d="${head}"/><path d="${ears}"/></g>` +
    `<path d="${beam(-0.05)}${beam(0)}" fill="none" stroke="${hex(antler)}" stroke-width="${n(height * 0.035)}" stroke-linecap="round"/>` +
    `<circle cx="${n(x - dir * 0.47 * height)}" cy="${n(y - 0.88 * height)}" r="${n(height * 0.055)}" fill="${hex(white)}"/>`
  );
}
