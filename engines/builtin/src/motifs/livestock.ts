/** Farm animals standing side-on, facing left or right: a woolly sheep and a cow. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { setChoice, u, type Scene } from '../scene.js';
import { n } from '../svg.js';
import { coat, curves, frame, legs, patches, twoTone } from './profile.js';

/** Dark legs and face: a sheep's and a black-and-white cow's. */
const darkOf = (s: Scene, figure: Hsl): Hsl => (s.style.neon ? figure : mixHsl(hsl(20, 0.12, 0.14), figure, 0.2));

/** A sheep: a cloud of wool on thin dark legs, with a dark face and ears. `y` is the ground under it. */
export function sheep(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const height = u(s, s.rng.range(95, 115)) * scale;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const p = frame(x, y, height, dir);
  // Wool stays light: only a tenth of the figure colour, where coats take a quarter.
  const wool = s.style.neon ? colour : mixHsl(s.tints.sheep ?? hsl(42, 0.22, 0.9), colour, 0.1);
  const dark = darkOf(s, colour);
  // The fleece: an oval body with bumps of wool along its back and ends.
  const radius = height * 0.2;
  let fleece = `M${p(-0.6, 0.7)}C${p(-0.6, 1.02)} ${p(0.5, 1.02)} ${p(0.5, 0.7)}C${p(0.5, 0.42)} ${p(-0.6, 0.42)} ${p(-0.6, 0.7)}Z`;
  for (const [fx, fy] of [[-0.5, 0.88], [-0.28, 0.98], [-0.04, 1.0], [0.2, 0.98], [0.4, 0.86], [-0.58, 0.62], [0.46, 0.6]] as const) {
    const cx = x + dir * fx * height;
    const cy = y - fy * height;
    fleece += `M${n(cx - radius)} ${n(cy)}a${n(radius)} ${n(radius)} 0 1 0 ${n(2 * radius)} 0a${n(radius)} ${n(radius)} 0 1 0 ${n(-2 * radius)} 0Z`;
  }
  const head = curves(p, [[0.48, 0.92], [0.62, 0.98], [0.78, 0.86], [0.78, 0.74], [0.74, 0.66], [0.6, 0.66], [0.5, 0.72], [0.44, 0.8], [0.44, 0.88], [0.48, 0.92]]);
  const ear = `M${p(0.52, 0.9)}L${p(0.4, 0.98)}L${p(0.46, 0.86)}Z`;
  return `<g fill="${hex(dark)}"><path d="${legs(p, [-0.4, -0.26, 0.24, 0.36], 0.5, 0.08, 0.06)}"/></g>` +
    `<path d="${fleece}" fill="${hex(wool)}"/><g fill="${hex(dark)}"><path d="${head}"/><path d="${ear}"/></g>`;
}

/**
 * A cow: a deep, square body, a long head with short horns, a tufted tail. Black and white or brown, the set's choice;
 * or the prompt's colour; or the prompt's two colours, the darker in patches over the lighter.
 */
export function cow(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const height = u(s, s.rng.range(120, 140)) * scale;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const p = frame(x, y, height, dir);
  // Black and white or brown, the set's choice; the prompt's colour, plain; or the prompt's two, patched.
  const named = twoTone(s, 'cow');
  const pied = named !== undefined || (s.tints.cow === undefined && setChoice(s, 'cow', [true, false]));
  const hide = coat(s, named?.light ?? s.tints.cow ?? (pied ? hsl(40, 0.1, 0.92) : hsl(22, 0.5, 0.35)), colour);
  const dark = named ? coat(s, named.dark, colour) : darkOf(s, colour);
  const body = curves(p, [
    [-0.62, 0.98],
    [-0.2, 1.02], [0.2, 1.0], [0.4, 1.0],
    [0.52, 0.98], [0.55, 0.7], [0.48, 0.52],
    [0.2, 0.48], [-0.3, 0.48], [-0.58, 0.52],
    [-0.68, 0.6], [-0.7, 0.9], [-0.62, 0.98],
  ]);
  const head = curves(p, [[0.42, 0.98], [0.56, 1.06], [0.72, 1.0], [0.82, 0.74], [0.84, 0.66], [0.74, 0.62], [0.68, 0.66], [0.6, 0.74], [0.48, 0.8], [0.42, 0.98]]);
  const horns = `M${p(0.56, 1.02)}q${n(dir * height * 0.02)} ${n(-height * 0.1)} ${n(-dir * height * 0.06)} ${n(-height * 0.12)}`;
  const tail = `M${p(-0.66, 0.94)}C${p(-0.74, 0.8)} ${p(-0.72, 0.55)} ${p(-0.7, 0.4)}`;
  const spots = pied && !s.style.neon
    ? patches(x, y, height, dir, [[-0.35, 0.8, 0.15], [0.05, 0.68, 0.12], [0.28, 0.88, 0.09], [-0.55, 0.66, 0.07]])
    : '';
  const legColour = hex(pied ? dark : mixHsl(hide, hsl(0, 0, 0), 0.15));
  return `<path d="${tail}" fill="none" stroke="${hex(dark)}" stroke-width="${n(height * 0.04)}" stroke-linecap="round"/>` +
    `<path d="${legs(p, [-0.5, -0.36, 0.3, 0.42], 0.56, 0.11, 0.08)}" fill="${legColour}"/>` +
    `<g fill="${hex(hide)}"><path d="${body}"/><path d="${head}"/></g>` +
    (spots ? `<path d="${spots}" fill="${hex(dark)}"/>` : '') +
    `<path d="${horns}" fill="none" stroke="${hex(s.style.neon ? colour : hsl(40, 0.25, 0.85))}" stroke-width="${n(height * 0.035)}" stroke-linecap="round"/>`;
}
