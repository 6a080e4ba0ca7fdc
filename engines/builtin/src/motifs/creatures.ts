/** Small figures: a sitting cat, dog and fox and standing people, all seen from behind; and a sailboat. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { u, type Scene } from '../scene.js';
import { n } from '../svg.js';
import { twoTone } from './profile.js';

/**
 * The outline of a sitting animal's back, symmetric about `x`, from the ground at `y` up over the shoulders and down
 * again: `hip` and `shoulder` are the control points of the left side as fractions of the width `w` (out from `x`)
 * and the height `h` (up from `y`), `top` the height of the neck.
 */
function sittingBack(x: number, y: number, w: number, h: number, hip: [number, number], shoulder: [number, number], top: number): string {
  return (
    `M${n(x - w * 0.5)} ${n(y)}` +
    `C${n(x - w * hip[0])} ${n(y - h * hip[1])} ${n(x - w * shoulder[0])} ${n(y - h * shoulder[1])} ${n(x)} ${n(y - h * top)}` +
    `C${n(x + w * shoulder[0])} ${n(y - h * shoulder[1])} ${n(x + w * hip[0])} ${n(y - h * hip[1])} ${n(x + w * 0.5)} ${n(y)}Z`
  );
}

/** The outline of a sitting cat or dog: the body from `sittingBack`, a round head, ears and a tail stroke ending at `tip`. */
interface SittingPet {
  x: number;
  y: number;
  w: number;
  h: number;
  headY: number;
  headR: number;
  body: string;
  ears: string;
  tail: string;
  tailWidth: number;
  tip: [number, number];
  tipR: number;
}

/**
 * A sitting cat or dog in its fur: the prompt's ("a white cat") or the figure colour. When the prompt names two colours
 * ("a black and white cat") the darker is the fur and the lighter marks the hind paws either side of the body and the
 * tip of the tail. Neon draws one-colour silhouettes.
 */
function sittingPet(s: Scene, kind: 'cat' | 'dog', figure: Hsl, a: SittingPet): string {
  const two = s.style.neon ? undefined : twoTone(s, kind);
  const fur = hex(s.style.neon ? figure : two?.dark ?? s.tints[kind] ?? figure);
  const paw = (side: number) => `<ellipse cx="${n(a.x + side * a.w * 0.36)}" cy="${n(a.y - a.h * 0.02)}" rx="${n(a.w * 0.14)}" ry="${n(a.h * 0.035)}"/>`;
  const marks = two
    ? `<g fill="${hex(two.light)}">${paw(-1)}${paw(1)}<circle cx="${n(a.tip[0])}" cy="${n(a.tip[1])}" r="${n(a.tipR)}"/></g>`
    : '';
  return `<g fill="${fur}"><path d="${a.body}"/><circle cx="${n(a.x)}" cy="${n(a.headY)}" r="${n(a.headR)}"/><path d="${a.ears}"/></g>` +
    `<path d="${a.tail}" fill="none" stroke="${fur}" stroke-width="${n(a.tailWidth)}" stroke-linecap="round"/>` + marks;
}

/** A cat sitting with its back to the viewer, looking at the sky. `y` is where it sits; `scale` 1 is alone in the view. */
export function cat(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const h = u(s, s.rng.range(120, 170)) * scale;
  const w = h * 0.55;
  const headR = h * 0.2;
  const headY = y - h + headR;
  const body = sittingBack(x, y, w, h, [0.62, 0.35], [0.3, 0.68], 0.7);
  const ears =
    `M${n(x - headR * 0.95)} ${n(headY - headR * 0.2)}L${n(x - headR * 0.75)} ${n(headY - headR * 1.45)}L${n(x - headR * 0.15)} ${n(headY - headR * 0.85)}Z` +
    `M${n(x + headR * 0.95)} ${n(headY - headR * 0.2)}L${n(x + headR * 0.75)} ${n(headY - headR * 1.45)}L${n(x + headR * 0.15)} ${n(headY - headR * 0.85)}Z`;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const tip: [number, number] = [x + dir * w * 0.85, y - h * 0.42];
  const tail = `M${n(x + dir * w * 0.35)} ${n(y - h * 0.04)}C${n(x + dir * w * 0.95)} ${n(y)} ${n(x + dir * w * 1.05)} ${n(y - h * 0.3)} ${n(tip[0])} ${n(tip[1])}`;
  return sittingPet(s, 'cat', colour, { x, y, w, h, headY, headR, body, ears, tail, tailWidth: h * 0.07, tip, tipR: h * 0.045 });
}

/** A dog sitting with its back to the viewer: broader than the cat, with floppy ears and a thick tail. */
export function dog(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const h = u(s, s.rng.range(150, 200)) * scale;
  const w = h * 0.62;
  const headR = h * 0.17;
  const headY = y - h + headR * 1.2;
  const body = sittingBack(x, y, w, h, [0.6, 0.45], [0.32, 0.74], 0.74);
  // Ears hang from the top of the head down its sides.
  const ear = (side: number) =>
    `M${n(x + side * headR * 0.55)} ${n(headY - headR * 0.85)}` +
    `C${n(x + side * headR * 1.5)} ${n(headY - headR * 0.7)} ${n(x + side * headR * 1.55)} ${n(headY + headR * 0.6)} ${n(x + side * headR * 1.15)} ${n(headY + headR * 0.95)}` +
    `C${n(x + side * headR * 0.9)} ${n(headY + headR * 0.6)} ${n(x + side * headR * 0.8)} ${n(headY)} ${n(x + side * headR * 0.55)} ${n(headY - headR * 0.85)}Z`;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const tip: [number, number] = [x + dir * w * 0.95, y - h * 0.2];
  const tail = `M${n(x + dir * w * 0.3)} ${n(y - h * 0.03)}Q${n(x + dir * w * 0.85)} ${n(y - h * 0.02)} ${n(tip[0])} ${n(tip[1])}`;
  return sittingPet(s, 'dog', colour, { x, y, w, h, headY, headR, body, ears: ear(-1) + ear(1), tail, tailWidth: h * 0.09, tip, tipR: h * 0.055 });
}

/**
 * A fox sitting with its back to the viewer: slimmer than the cat, with tall pointed ears and a big brush of a tail
 * curled round its side, white at the tip. Rust-red, unless the style draws figures as neon silhouettes.
 */
export function fox(s: Scene, x: number, y: number, colour: Hsl, scale = 1): string {
  const h = u(s, s.rng.range(130, 170)) * scale;
  const w = h * 0.5;
  const headR = h * 0.17;
  const headY = y - h + headR * 1.6;
  const body = sittingBack(x, y, w, h, [0.6, 0.4], [0.28, 0.66], 0.68);
  const ear = (side: number) =>
    `M${n(x + side * headR * 1.0)} ${n(headY - headR * 0.1)}L${n(x + side * headR * 0.8)} ${n(headY - headR * 1.85)}` +
    `L${n(x + side * headR * 0.1)} ${n(headY - headR * 0.8)}Z`;
  const dir = s.rng.chance(0.5) ? 1 : -1;
  // The tail: a plump teardrop from the base of the back, out and up along the side, as wide as the body at its fullest.
  const root: [number, number] = [x + dir * w * 0.3, y - h * 0.02];
  const tip: [number, number] = [x + dir * w * 1.2, y - h * 0.5];
  const tail =
    `M${n(root[0])} ${n(root[1])}` +
    `C${n(x + dir * w * 1.15)} ${n(y + h * 0.06)} ${n(x + dir * w * 1.7)} ${n(y - h * 0.25)} ${n(tip[0])} ${n(tip[1])}` +
    `C${n(x + dir * w * 0.8)} ${n(y - h * 0.45)} ${n(x + dir * w * 0.55)} ${n(y - h * 0.2)} ${n(root[0])} ${n(root[1] - h * 0.1)}Z`;
  const tipMark = `<circle cx="${n(tip[0] - dir * h * 0.02)}" cy="${n(tip[1] + h * 0.05)}" r="${n(h * 0.07)}"/>`;
  const silhouette = s.style.neon;
  const fur = silhouette ? colour : mixHsl(hsl(18, 0.75, 0.42), colour, 0.25);
  const c = hex(fur);
  const white = hex(silhouette ? colour : mixHsl(hsl(30, 0.3, 0.92), colour, 0.1));
  return `<g fill="${c}"><path d="${tail}"/><path d="${body}"/><circle cx="${n(x)}" cy="${n(headY)}" r="${n(headR)}"/>` +
    `<path d="${ear(-1)}${ear(1)}"/></g><g fill="${white}">${tipMark}</g>`;
}

/** A person standing with their back to the viewer, looking at the view; `y` is where they stand. */
export function person(s: Scene, x: number, y: number, colour: Hsl, umbrella = false): string {
  const h = u(s, s.rng.range(190, 250));
  const headR = h * 0.075;
  const shoulders = h * 0.13;
  const neckY = y - h + headR * 2.1;
  const hipY = y - h * 0.45;
  const coat = s.rng.chance(0.5);
  // A long coat (or dress) flares to just above the feet; otherwise a jacket ends at the hips above two legs.
  const hemY = coat ? y - h * 0.12 : hipY + h * 0.04;
  const hem = coat ? shoulders * 1.15 : shoulders * 0.82;
  const torso =
    `M${n(x - shoulders * 0.55)} ${n(neckY)}` +
    `Q${n(x - shoulders)} ${n(neckY + h * 0.01)} ${n(x - shoulders * 0.95)} ${n(neckY + h * 0.08)}` +
    `L${n(x - hem)} ${n(hemY)}L${n(x + hem)} ${n(hemY)}L${n(x + shoulders * 0.95)} ${n(neckY + h * 0.08)}` +
    `Q${n(x + shoulders)} ${n(neckY + h * 0.01)} ${n(x + shoulders * 0.55)} ${n(neckY)}Z`;
  const leg = h * 0.045;
  const legs = `M${n(x - shoulders * 0.45)} ${n(hemY - h * 0.02)}h${n(leg * 2)}L${n(x - shoulders * 0.45 + leg * 1.8)} ${n(y)}h${n(-leg * 1.8)}Z` +
    `M${n(x + shoulders * 0.45)} ${n(hemY - h * 0.02)}h${n(-leg * 2)}L${n(x + shoulders * 0.45 - leg * 1.8)} ${n(y)}h${n(leg * 1.8)}Z`;
  const arms = `M${n(x - shoulders * 0.9)} ${n(neckY + h * 0.06)}L${n(x - shoulders * 1.05)} ${n(hipY + h * 0.02)}` +
    `M${n(x + shoulders * 0.9)} ${n(neckY + h * 0.06)}L${n(x + shoulders * 1.05)} ${n(hipY + h * 0.02)}`;
  const c = hex(colour);
  // "A girl in a red coat": the clothes take the prompt's colour; the figure stays a silhouette otherwise.
  const clothes = s.tints.person && !s.style.neon ? hex(s.tints.person) : c;
  const figure =
    `<g fill="${c}"><circle cx="${n(x)}" cy="${n(neckY - headR * 1.05)}" r="${n(headR)}"/><path d="${legs}"/></g><path d="${torso}" fill="${clothes}"/>` +
    `<path d="${arms}" fill="none" stroke="${clothes}" stroke-width="${n(h * 0.05)}" stroke-linecap="round"/>`;
  return umbrella ? figure + umbrellaOver(s, x, neckY - headR * 2.2, h, colour) : figure;
}

/** An open umbrella held over a figure's head, its canopy `top` of the figure's height `h` above the ground. */
function umbrellaOver(s: Scene, x: number, top: number, h: number, figure: Hsl): string {
  const half = h * 0.3;
  const rim = top - h * 0.02;
  const canopyTop = rim - h * 0.17;
  const cloth = s.style.neon ? s.palette.accent : s.tints.umbrella ?? mixHsl(hsl(355, 0.7, 0.45), s.palette.accent, 0.2);
  // The dome, then back along the rim in four scallops between the ribs.
  const rib = (k: number) => x - half + half * 0.5 * k;
  const scallops = [3, 2, 1, 0].map((k) => `Q${n(rib(k + 0.5))} ${n(rim - h * 0.03)} ${n(rib(k))} ${n(rim)}`).join('');
  const canopy = `M${n(x - half)} ${n(rim)}Q${n(x - half)} ${n(canopyTop)} ${n(x)} ${n(canopyTop)}Q${n(x + half)} ${n(canopyTop)} ${n(x + half)} ${n(rim)}${scallops}Z`;
  const shaft = `M${n(x)} ${n(canopyTop)}V${n(top + h * 0.3)}`;
  return `<path d="${shaft}" stroke="${hex(figure)}" stroke-width="${n(h * 0.012)}"/><path d="${canopy}" fill="${hex(cloth)}"/>`;
}

/**
 * An astronaut standing with their back to the viewer: a white suit, bulkier than a person's clothes, a round helmet
 * and the life-support pack on the back. `y` is where they stand.
 */
export function astronaut(s: Scene, x: number, y: number, colour: Hsl): string {
  const h = u(s, s.rng.range(200, 250));
  const helmetR = h * 0.11;
  const shoulders = h * 0.17;
  const neckY = y - h + helmetR * 1.9;
  const hipY = y - h * 0.42;
  const suit = s.style.neon ? colour : mixHsl(hsl(210, 0.08, 0.88), colour, 0.12);
  const shade = s.style.neon ? colour : mixHsl(suit, colour, 0.35);
  const torso =
    `M${n(x - shoulders * 0.7)} ${n(neckY)}Q${n(x - shoulders * 1.1)} ${n(neckY)} ${n(x - shoulders * 1.05)} ${n(neckY + h * 0.1)}` +
    `L${n(x - shoulders * 0.95)} ${n(hipY)}L${n(x + shoulders * 0.95)} ${n(hipY)}L${n(x + shoulders * 1.05)} ${n(neckY + h * 0.1)}` +
    `Q${n(x + shoulders * 1.1)} ${n(neckY)} ${n(x + shoulders * 0.7)} ${n(neckY)}Z`;
  const leg = h * 0.07;
  const legs = `M${n(x - shoulders * 0.85)} ${n(hipY - h * 0.02)}h${n(leg * 1.9)}L${n(x - shoulders * 0.85 + leg * 1.7)} ${n(y)}h${n(-leg * 1.8)}Z` +
    `M${n(x + shoulders * 0.85)} ${n(hipY - h * 0.02)}h${n(-leg * 1.9)}L${n(x + shoulders * 0.85 - leg * 1.7)} ${n(y)}h${n(leg * 1.8)}Z`;
  const arms = `M${n(x - shoulders * 1.0)} ${n(neckY + h * 0.07)}L${n(x - shoulders * 1.3)} ${n(hipY)}` +
    `M${n(x + shoulders * 1.0)} ${n(neckY + h * 0.07)}L${n(x + shoulders * 1.3)} ${n(hipY)}`;
  const pack = `<rect x="${n(x - shoulders * 0.75)}" y="${n(neckY + h * 0.02)}" width="${n(shoulders * 1.5)}" height="${n(h * 0.26)}" rx="${n(h * 0.03)}"/>`;
  return `<g fill="${hex(suit)}"><path d="${torso}${legs}"/><circle cx="${n(x)}" cy="${n(neckY - helmetR * 0.75)}" r="${n(helmetR)}"/></g>` +
    `<path d="${arms}" fill="none" stroke="${hex(suit)}" stroke-width="${n(h * 0.075)}" stroke-linecap="round"/>` +
    `<g fill="${hex(shade)}">${pack}</g>`;
}

/** `count` people side by side around x, a little apart, standing at y. */
export function people(s: Scene, x: number, y: number, colour: Hsl, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += person(s, x + (i - (count - 1) / 2) * u(s, s.rng.range(60, 75)), y, colour);
  return out;
}

/** A small sailboat on the water near the horizon. */
export function boat(s: Scene, horizon: number, hull: Hsl, sail: Hsl): string {
  const x = s.w * s.rng.range(0.15, 0.85);
  const y = horizon + (s.h - horizon) * s.rng.range(0.08, 0.3);
  const size = u(s, 30 + ((y - horizon) / (s.h - horizon)) * 90);
  const hullD = `M${n(x - size * 0.6)} ${n(y - size * 0.12)}L${n(x + size * 0.6)} ${n(y - size * 0.12)}L${n(x + size * 0.42)} ${n(y + size * 0.05)}L${n(x - size * 0.42)} ${n(y + size * 0.05)}Z`;
  const main = `M${n(x)} ${n(y - size * 1.3)}L${n(x)} ${n(y - size * 0.18)}L${n(x - size * 0.55)} ${n(y - size * 0.18)}Z`;
  const jib = `M${n(x + size * 0.05)} ${n(y - size * 1.15)}L${n(x + size * 0.05)} ${n(y - size * 0.18)}L${n(x + size * 0.45)} ${n(y - size * 0.18)}Z`;
  return `<path d="${hullD}" fill="${hex(hull)}"/><path d="${main}${jib}" fill="${hex(sail)}"/>`;
}
