/**
 * Big cats standing side-on, facing left or right: a lion with its mane and a tiger with its stripes. Like the horse
 * and the deer they read only in profile: a long low body on thick legs, a round head held level, a long tail.
 */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { u, type Scene } from '../scene.js';
import { n } from '../svg.js';
import { coat, curves, frame, legs, type Frame } from './profile.js';

interface CatBody {
  torso: string;
  head: string;
  ears: string;
  legs: string;
  tail: string;
}

/** The shape both cats share, in the animal's frame (withers heights; see profile.ts). */
function catBody(p: Frame): CatBody {
  const torso = curves(p, [
    [-0.55, 0.9],
    [-0.4, 0.99], [0.05, 0.94], [0.35, 1.0],
    [0.55, 1.04], [0.62, 0.8], [0.5, 0.6],
    [0.42, 0.5], [0.2, 0.48], [0.0, 0.5],
    [-0.2, 0.5], [-0.45, 0.5], [-0.55, 0.58],
    [-0.64, 0.66], [-0.66, 0.84], [-0.55, 0.9],
  ]);
  const head = curves(p, [
    [0.55, 1.13],
    [0.7, 1.2], [0.84, 1.12], [0.9, 0.98],
    [0.94, 0.88], [0.86, 0.8], [0.74, 0.8],
    [0.6, 0.8], [0.52, 0.9], [0.55, 1.13],
  ]);
  const ear = (fx: number) => curves(p, [[fx - 0.05, 1.12], [fx - 0.05, 1.22], [fx + 0.05, 1.22], [fx + 0.05, 1.12]]);
  const tail = `M${p(-0.6, 0.86)}C${p(-0.85, 0.8)} ${p(-0.95, 0.5)} ${p(-0.88, 0.3)}`;
  const at = [-0.44, -0.3, 0.3, 0.44];
  // Broad paws, a little forward of each leg.
  const paws = at.map((fx) => curves(p, [[fx - 0.06, 0], [fx - 0.07, 0.07], [fx + 0.1, 0.07], [fx + 0.1, 0]])).join('');
  return { torso, head, ears: ear(0.62) + ear(0.74), legs: legs(p, at, 0.62, 0.16, 0.1) + paws, tail };
}

function size(s: Scene, scale: number): number {
  return u(s, s.rng.range(120, 140)) * scale;
}

/**
 * A lion: a tawny coat, a dark mane framing the head down to the chest, and a dark tuft at the tail's end. Its coat is
 * the prompt's colour if it names one ("a white lion").
 */
export function lion(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const height = size(s, scale);
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const p = frame(x, y, height, dir);
  const body = coat(s, s.tints.lion ?? hsl(36, 0.55, 0.55), colour);
  const mane = s.style.neon ? body : mixHsl(body, hsl(24, 0.6, 0.16), 0.6);
  const cat = catBody(p);
  const maneShape = curves(p, [
    [0.36, 1.0],
    [0.38, 1.36], [0.78, 1.42], [0.86, 1.18],
    [0.9, 1.04], [0.86, 0.78], [0.72, 0.6],
    [0.6, 0.46], [0.4, 0.56], [0.36, 1.0],
  ]);
  const tuft = `<circle cx="${n(x - dir * 0.88 * height)}" cy="${n(y - 0.3 * height)}" r="${n(height * 0.06)}" fill="${hex(mane)}"/>`;
  return (
    `<path d="${cat.tail}" fill="none" stroke="${hex(body)}" stroke-width="${n(height * 0.05)}" stroke-linecap="round"/>${tuft}` +
    `<g fill="${hex(body)}"><path d="${cat.legs}"/><path d="${cat.torso}"/></g>` +
    `<path d="${maneShape}" fill="${hex(mane)}"/>` +
    `<g fill="${hex(body)}"><path d="${cat.head}"/></g>`
  );
}

/** Where the stripes cross the back and the flank: `[fx, length]`, each a tapering wedge down from the back. */
const TIGER_STRIPES = [[-0.5, 0.26], [-0.38, 0.34], [-0.26, 0.3], [-0.14, 0.36], [-0.02, 0.3], [0.1, 0.34], [0.22, 0.28], [0.34, 0.24]] as const;

/**
 * A tiger: an orange coat (white when the prompt says so), black stripes down its back and flank and rings round its
 * tail, and a pale muzzle.
 */
export function tiger(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const height = size(s, scale);
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const p = frame(x, y, height, dir);
  const body = coat(s, s.tints.tiger ?? hsl(24, 0.85, 0.5), colour);
  const stripe = s.style.neon ? body : hsl(20, 0.3, 0.08);
  const pale = s.style.neon ? body : mixHsl(hsl(35, 0.3, 0.93), colour, 0.1);
  const cat = catBody(p);
  const stripes = TIGER_STRIPES.map(([fx, length]) => {
    const top = fx < -0.4 ? 0.9 : 0.95;
    return `M${p(fx - 0.035, top)}L${p(fx + 0.01, top - length)}L${p(fx + 0.04, top)}Z`;
  }).join('');
  const rings = [0.55, 0.42].map((fy) => `M${p(-0.93, fy)}L${p(-0.84, fy + 0.05)}`).join('');
  const muzzle = curves(p, [[0.78, 0.94], [0.9, 0.98], [0.95, 0.86], [0.84, 0.82], [0.76, 0.8], [0.72, 0.88], [0.78, 0.94]]);
  return (
    `<path d="${cat.tail}" fill="none" stroke="${hex(body)}" stroke-width="${n(height * 0.055)}" stroke-linecap="round"/>` +
    `<g fill="${hex(body)}"><path d="${cat.legs}"/><path d="${cat.torso}"/><path d="${cat.head}"/><path d="${cat.ears}"/></g>` +
    (s.style.neon ? '' :
      `<path d="${stripes}" fill="${hex(stripe)}"/>` +
      `<path d="${rings}" stroke="${hex(stripe)}" stroke-width="${n(height * 0.04)}" fill="none"/>` +
      `<path d="${muzzle}" fill="${hex(pale)}"/>`)
  );
}
