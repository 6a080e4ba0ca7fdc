/**
 * Under the sea: light falling through the water from a rippled surface, a sandy bed with weed and coral, fish and
 * rising bubbles. Everything fades toward the water's colour with distance, as the land does toward the haze.
 */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { dot, kept, neonLine, strokeShare, subject, u, type Scene } from '../scene.js';
import { n, polyPath, smoothPath, type Point } from '../svg.js';
import type { MotifId } from '../prompt.js';
import { hillRidge, ridgeY } from '../terrain.js';

/** The water's colours, from just under the surface to the deep. */
function waterColours(s: Scene): { shallow: Hsl; deep: Hsl } {
  const p = s.palette;
  if (s.style.neon) return { shallow: hsl(p.ink.h, p.ink.s, 0.16), deep: hsl(p.ink.h, p.ink.s, 0.04) };
  const base = mixHsl(p.water, hsl(195, 0.6, 0.45), 0.6);
  return { shallow: mixHsl(base, p.light, 0.35), deep: mixHsl(base, p.ink, 0.7) };
}

/** A colour seen `depth` (0 near, 1 far) through the water. */
const throughWater = (s: Scene, c: Hsl, depth: number): Hsl => mixHsl(c, waterColours(s).shallow, Math.min(0.85, depth * 0.8));

export function underwaterScene(s: Scene, motifs: ReadonlySet<MotifId>): string {
  const { shallow, deep } = waterColours(s);
  let out = `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${s.doc.linearAbs([[0, shallow], [1, deep]], 0, 0, 0, s.h)}"/>`;
  out += lightRays(s, shallow);
  out += surface(s, shallow);
  const bed = seabed(s);
  out += bed.svg;
  out += weed(s, bed.ridge);
  // Low-poly draws these whole over its facets, which would otherwise average them away.
  out += subject(s, () => (motifs.has('whale') ? whale(s) : '') + coral(s, bed.ridge) + fish(s));
  out += bubbles(s);
  return out;
}

/** Shafts of light fanning down from the surface, fading with depth. */
function lightRays(s: Scene, shallow: Hsl): string {
  const light = s.style.neon ? s.palette.accent : mixHsl(shallow, hsl(55, 0.6, 0.95), 0.6);
  const fade = s.doc.linearAbs([[0, light, s.style.neon ? 0.25 : 0.45], [1, light, 0]], 0, 0, 0, s.h * 0.85);
  let d = '';
  const count = s.rng.int(4, 7);
  const spread = s.rng.range(-0.25, 0.25);
  for (let i = 0; i < count; i++) {
    const x = s.w * s.rng.range(-0.1, 1.1);
    const top = u(s, s.rng.range(25, 70));
    const bottom = top * s.rng.range(2.5, 4);
    const dx = s.w * spread;
    d += polyPath([[x - top / 2, 0], [x + top / 2, 0], [x + dx + bottom / 2, s.h * 0.85], [x + dx - bottom / 2, s.h * 0.85]]);
  }
  return `<path d="${d}" fill="${fade}"/>`;
}

/** The underside of the surface: a bright rippled band along the top. */
function surface(s: Scene, shallow: Hsl): string {
  const ridge = hillRidge(s.rng, { x0: -u(s, 20), x1: s.w + u(s, 20), base: u(s, 34), height: u(s, 18), points: 24, waves: 5 * (s.w / s.m) });
  const bright = s.style.neon ? s.palette.accent : mixHsl(shallow, hsl(0, 0, 1), 0.55);
  const d = `${smoothPath(ridge)}L${n(s.w + u(s, 20))} 0L${n(-u(s, 20))} 0Z`;
  return `<path d="${d}" fill="${hex(bright)}" fill-opacity="0.6"/>` + (s.style.neon ? neonLine(s, smoothPath(ridge), s.palette.accent, 1.4) : '');
}

/** The sandy bottom across the lower part of the picture. */
function seabed(s: Scene): { svg: string; ridge: Point[] } {
  const top = s.h * s.rng.range(0.74, 0.82);
  const ridge = hillRidge(s.rng, { x0: -u(s, 20), x1: s.w + u(s, 20), base: top + u(s, 40), height: u(s, 50), points: 20, waves: 1.4 * (s.w / s.m) });
  const sand = s.style.neon ? s.palette.ink : throughWater(s, hsl(40, 0.45, 0.66), 0.35);
  const near = s.style.neon ? s.palette.ink : mixHsl(sand, s.palette.ink, 0.25);
  const fill = s.style.gradients && !s.style.neon ? s.doc.linearAbs([[0, sand], [1, near]], 0, top, 0, s.h) : hex(sand);
  const d = `${smoothPath(ridge)}L${n(s.w + u(s, 20))} ${n(s.h + 1)}L${n(-u(s, 20))} ${n(s.h + 1)}Z`;
  const glow = s.style.neon ? neonLine(s, smoothPath(ridge), s.palette.accent2, 1.8) : '';
  return { svg: `<path d="${d}" fill="${fill}"/>${glow}`, ridge };
}

/** Strands of weed swaying up from the bed. */
function weed(s: Scene, bed: Point[]): string {
  const green = s.style.neon ? s.palette.accent2 : throughWater(s, hsl(130, 0.45, 0.32), 0.2);
  let d = '';
  const count = s.rng.int(8, 14);
  for (let i = 0; i < count; i++) {
    const x = s.w * s.rng.range(0, 1);
    const y = ridgeY(bed, x) + u(s, 6);
    const height = u(s, s.rng.range(90, 220));
    const sway = u(s, s.rng.range(-30, 30));
    if (!kept(i, strokeShare(s))) continue;
    d += `M${n(x)} ${n(y)}C${n(x + sway)} ${n(y - height * 0.35)} ${n(x - sway)} ${n(y - height * 0.7)} ${n(x + sway * 0.6)} ${n(y - height)}`;
  }
  const width = n(u(s, 7) / Math.max(0.5, strokeShare(s)));
  return `<path d="${d}" fill="none" stroke="${hex(green)}" stroke-width="${width}" stroke-linecap="round"/>`;
}

/** Coral: rounded fans and branching stems in warm colours, standing on the bed. */
function coral(s: Scene, bed: Point[]): string {
  const colours: Hsl[] = s.style.neon
    ? [s.palette.accent, s.palette.accent2]
    : [hsl(350, 0.65, 0.62), hsl(20, 0.8, 0.6), hsl(285, 0.4, 0.6)].map((c) => throughWater(s, mixHsl(c, s.palette.accent, 0.2), 0.15));
  let out = '';
  const count = s.rng.int(3, 6);
  for (let i = 0; i < count; i++) {
    const x = s.w * s.rng.range(0.04, 0.96);
    const y = ridgeY(bed, x) + u(s, 8);
    const size = u(s, s.rng.range(45, 95));
    const colour = hex(colours[i % colours.length]!);
    if (s.rng.chance(0.5)) {
      // A fan: a half disc on a short stem.
      out += `<path d="M${n(x - size)} ${n(y - size * 0.25)}A${n(size)} ${n(size * 0.9)} 0 0 1 ${n(x + size)} ${n(y - size * 0.25)}Z" fill="${colour}"/>`;
      out += `<path d="M${n(x - size * 0.1)} ${n(y)}L${n(x - size * 0.08)} ${n(y - size * 0.3)}L${n(x + size * 0.08)} ${n(y - size * 0.3)}L${n(x + size * 0.1)} ${n(y)}Z" fill="${colour}"/>`;
    } else {
      // Branching stems: three arms that fork once.
      let d = '';
      for (const lean of [-0.6, 0, 0.6]) {
        const tipX = x + lean * size * s.rng.range(0.7, 1.1);
        const tipY = y - size * s.rng.range(0.9, 1.3);
        const midX = (x + tipX) / 2;
        const midY = (y + tipY) / 2;
        d += `M${n(x)} ${n(y)}Q${n(x + lean * size * 0.2)} ${n(midY)} ${n(tipX)} ${n(tipY)}M${n(midX)} ${n(midY)}L${n(midX + lean * size * 0.5 + size * 0.2)} ${n(midY - size * 0.35)}`;
      }
      out += `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${n(size * 0.13)}" stroke-linecap="round"/>`;
    }
  }
  return out;
}

/** A school of small fish swimming one way, and one or two larger ones; farther fish are smaller and paler. */
function fish(s: Scene): string {
  const dir = s.rng.chance(0.5) ? 1 : -1;
  const palette: Hsl[] = s.style.neon ? [s.palette.accent, s.palette.accent2] : [hsl(38, 0.9, 0.58), hsl(12, 0.85, 0.55), hsl(200, 0.7, 0.6), hsl(52, 0.9, 0.62)];
  const cx = s.w * s.rng.range(0.25, 0.75);
  const cy = s.h * s.rng.range(0.3, 0.55);
  const body = (x: number, y: number, len: number, facing: number) => {
    const h = len * 0.42;
    const nose = x + facing * len * 0.5;
    const tail = x - facing * len * 0.35;
    return `M${n(nose)} ${n(y)}Q${n(x)} ${n(y - h)} ${n(tail)} ${n(y)}Q${n(x)} ${n(y + h)} ${n(nose)} ${n(y)}Z` +
      `M${n(tail + facing * len * 0.05)} ${n(y)}L${n(x - facing * len * 0.62)} ${n(y - h * 0.8)}L${n(x - facing * len * 0.62)} ${n(y + h * 0.8)}Z`;
  };
  const byColour = new Map<string, string>();
  const add = (colour: Hsl, d: string) => byColour.set(hex(colour), (byColour.get(hex(colour)) ?? '') + d);
  const school = s.rng.int(9, 18);
  const colour = s.rng.pick(palette);
  for (let i = 0; i < school; i++) {
    const x = cx + u(s, s.rng.jitter(200));
    const y = cy + u(s, s.rng.jitter(90));
    const depth = s.rng.range(0.2, 0.8);
    const len = u(s, 26 + 20 * (1 - depth));
    if (dot(s, i, len / 2) === undefined) continue;
    add(s.style.neon ? colour : throughWater(s, colour, depth), body(x, y, len, dir));
  }
  const big = s.rng.int(1, 2);
  for (let i = 0; i < big; i++) {
    const x = s.w * s.rng.range(0.15, 0.85);
    const y = s.h * s.rng.range(0.35, 0.7);
    const facing = s.rng.chance(0.7) ? dir : -dir;
    add(s.rng.pick(palette), body(x, y, u(s, s.rng.range(90, 140)), facing));
  }
  return [...byColour].map(([fill, d]) => `<path d="${d}" fill="${fill}"/>`).join('');
}

/** Bubbles rising in a few columns. */
function bubbles(s: Scene): string {
  const colour = s.style.neon ? s.palette.accent : hsl(0, 0, 1);
  let d = '';
  let i = 0;
  const columns = s.rng.int(2, 4);
  for (let column = 0; column < columns; column++) {
    const x = s.w * s.rng.range(0.1, 0.9);
    const from = s.h * s.rng.range(0.55, 0.8);
    for (let k = 0; k < 7; k++) {
      const y = from - (from * k) / 8 + u(s, s.rng.jitter(12));
      const bx = x + u(s, s.rng.jitter(14));
      const r = dot(s, i++, u(s, 3 + k * 1.2));
      if (r === undefined) continue;
      d += `M${n(bx - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`;
    }
  }
  return `<path d="${d}" fill="none" stroke="${hex(colour)}" stroke-opacity="0.7" stroke-width="${n(u(s, 2))}"/>`;
}

/** A whale gliding through the middle of the water: a long dark body, a pale throat, a flipper and wide flukes. */
export function whale(s: Scene): string {
  const length = u(s, s.rng.range(520, 680));
  const facing = s.rng.chance(0.5) ? 1 : -1;
  const x = s.w * s.rng.range(0.4, 0.6);
  const y = s.h * s.rng.range(0.4, 0.55);
  const p = (fx: number, fy: number) => `${n(x + facing * fx * length)} ${n(y + fy * length)}`;
  const body =
    `M${p(0.5, 0.02)}C${p(0.48, -0.12)} ${p(0.1, -0.14)} ${p(-0.15, -0.08)}C${p(-0.3, -0.05)} ${p(-0.4, -0.02)} ${p(-0.45, 0)}` +
    `L${p(-0.45, 0.03)}C${p(-0.3, 0.05)} ${p(0.1, 0.14)} ${p(0.35, 0.09)}C${p(0.45, 0.07)} ${p(0.5, 0.05)} ${p(0.5, 0.02)}Z`;
  const flukes = `M${p(-0.44, 0.015)}C${p(-0.5, -0.05)} ${p(-0.56, -0.1)} ${p(-0.62, -0.1)}C${p(-0.58, -0.04)} ${p(-0.56, 0)} ${p(-0.5, 0.015)}` +
    `C${p(-0.56, 0.03)} ${p(-0.58, 0.08)} ${p(-0.62, 0.12)}C${p(-0.55, 0.11)} ${p(-0.5, 0.06)} ${p(-0.44, 0.03)}Z`;
  const flipper = `M${p(0.2, 0.08)}C${p(0.15, 0.18)} ${p(0.08, 0.24)} ${p(0.02, 0.26)}C${p(0.06, 0.18)} ${p(0.1, 0.12)} ${p(0.12, 0.09)}Z`;
  const throat = `M${p(0.48, 0.04)}C${p(0.4, 0.09)} ${p(0.2, 0.12)} ${p(0.05, 0.1)}C${p(0.2, 0.08)} ${p(0.38, 0.06)} ${p(0.48, 0.04)}Z`;
  const dark = s.style.neon ? s.palette.ink : mixHsl(hsl(215, 0.3, 0.25), waterColours(s).deep, 0.3);
  const pale = s.style.neon ? s.palette.accent2 : mixHsl(hsl(210, 0.15, 0.75), waterColours(s).shallow, 0.3);
  let out = `<path d="${body}${flukes}${flipper}" fill="${hex(dark)}"/><path d="${throat}" fill="${hex(pale)}"/>`;
  out += `<circle cx="${n(x + facing * 0.33 * length)}" cy="${n(y + 0.03 * length)}" r="${n(length * 0.008)}" fill="${hex(pale)}"/>`;
  if (s.style.neon) out += neonLine(s, body + flukes, s.palette.accent, 1.4);
  return out;
}
