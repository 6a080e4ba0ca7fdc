/** A road running straight to the horizon, and a car on it seen from behind. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { kept, lightsOn, neonLine, setChoice, u, type Scene } from '../scene.js';
import { n, polyPath } from '../svg.js';

export interface Road {
  svg: string;
  /** Where the road runs at height y (below the horizon): its middle and half its width. */
  at(y: number): { x: number; half: number };
}

/** A road from the bottom of the picture to a vanishing point on the horizon, with a dashed line down its middle. */
export function road(s: Scene): Road {
  const p = s.palette;
  const H = s.horizon;
  const below = s.h - H;
  const vx = s.w * s.rng.range(0.38, 0.62);
  const bottomX = s.w * s.rng.range(0.42, 0.58);
  const bottomHalf = s.w * s.rng.range(0.28, 0.36);
  const at = (y: number) => {
    const t = Math.max(0, (y - H) / below);
    return { x: vx + (bottomX - vx) * t, half: bottomHalf * t };
  };
  const tarmac = s.style.neon ? p.ink : mixHsl(hsl(30, 0.05, p.night ? 0.16 : 0.32), p.ink, 0.3);
  const far = mixHsl(tarmac, p.haze, 0.5);
  const fill = s.style.gradients && !s.style.neon ? s.doc.linearAbs([[0, far], [0.4, tarmac]], 0, H, 0, s.h) : hex(tarmac);
  const end = at(s.h + u(s, 2));
  let svg = `<path d="${polyPath([[vx, H], [end.x + end.half, s.h + u(s, 2)], [end.x - end.half, s.h + u(s, 2)]])}" fill="${fill}"/>`;
  // Dashes down the middle, longer and wider as they come nearer (evenly spaced on the ground).
  let dashes = '';
  const count = 14;
  for (let i = 0; i < count; i++) {
    if (!kept(i, Math.sqrt(Math.min(1, s.detail)))) continue;
    const y0 = H + below * Math.pow(i / count, 2);
    const y1 = H + below * Math.pow((i + 0.5) / count, 2);
    const a = at(y0);
    const b = at(y1);
    const w0 = a.half * 0.03;
    const w1 = b.half * 0.03;
    dashes += polyPath([[a.x - w0, y0], [a.x + w0, y0], [b.x + w1, y1], [b.x - w1, y1]]);
  }
  const line = s.style.neon ? p.accent : mixHsl(hsl(48, 0.8, 0.75), p.light, 0.3);
  svg += `<path d="${dashes}" fill="${hex(line)}" fill-opacity="0.85"/>`;
  if (s.style.neon) {
    svg += neonLine(s, `M${n(vx)} ${n(H)}L${n(end.x - end.half)} ${n(s.h)}M${n(vx)} ${n(H)}L${n(end.x + end.half)} ${n(s.h)}`, p.accent2, 1.6);
  }
  return { svg, at };
}

const CAR_PAINTS: readonly Hsl[] = [hsl(2, 0.7, 0.42), hsl(215, 0.6, 0.4), hsl(0, 0, 0.88), hsl(0, 0, 0.12), hsl(45, 0.85, 0.55)];

/** Where a car is on the road: how far down from the horizon (a fraction of the ground), and on which side (±1). */
export interface CarPlace {
  depth: number;
  side: number;
  /** Its paint, when it is not the set's car colour. */
  paint?: Hsl;
}

/**
 * `count` cars on the road, drawn far to near: one somewhere in the middle distance, or a line of them spread from far
 * to near on alternating sides (cars on the same side are far enough apart not to overlap). Unless the prompt names
 * their colour, each car of a line has its own paint, starting from the set's.
 */
export function cars(s: Scene, on: Road, count: number): string {
  if (count <= 1) return car(s, on);
  const first = s.rng.chance(0.5) ? 1 : -1;
  const setPaint = CAR_PAINTS.indexOf(setChoice(s, 'car', CAR_PAINTS));
  return Array.from({ length: count }, (_, i) =>
    car(s, on, {
      depth: 0.2 + (0.42 * i) / (count - 1) + s.rng.jitter(0.02),
      side: i % 2 === 0 ? first : -first,
      paint: CAR_PAINTS[(setPaint + i) % CAR_PAINTS.length],
    }),
  ).join('');
}

/**
 * A car seen from behind, driving away on one side of the road; its tail lights glow when it is dark. Its paint is the
 * prompt's ("a red car"), else one the whole set shares.
 */
export function car(s: Scene, on: Road, place?: CarPlace): string {
  const p = s.palette;
  const below = s.h - s.horizon;
  const y = s.horizon + below * (place?.depth ?? s.rng.range(0.4, 0.62));
  const lane = on.at(y);
  const side = place?.side ?? (s.rng.chance(0.5) ? 1 : -1);
  const width = lane.half * 0.62;
  const x = lane.x + side * lane.half * 0.45;
  const body = s.style.neon ? p.ink : mixHsl(s.tints.car ?? place?.paint ?? setChoice(s, 'car', CAR_PAINTS), p.ink, 0.15);
  const dark = hex(s.style.neon ? hsl(p.ink.h, p.ink.s, p.ink.l * 0.5) : mixHsl(p.ink, hsl(0, 0, 0), 0.5));
  const glass = hex(s.style.neon ? p.accent2 : mixHsl(p.sky[1], p.ink, 0.55));
  const bodyH = width * 0.36;
  const cabinH = width * 0.3;
  const half = width / 2;
  const bodyTop = y - width * 0.08 - bodyH;
  let out = `<rect x="${n(x - half * 0.85)}" y="${n(y - width * 0.14)}" width="${n(width * 0.2)}" height="${n(width * 0.14)}" fill="${dark}"/>`;
  out += `<rect x="${n(x + half * 0.85 - width * 0.2)}" y="${n(y - width * 0.14)}" width="${n(width * 0.2)}" height="${n(width * 0.14)}" fill="${dark}"/>`;
  out += `<path d="${polyPath([[x - half * 0.72, bodyTop], [x - half * 0.6, bodyTop - cabinH], [x + half * 0.6, bodyTop - cabinH], [x + half * 0.72, bodyTop]])}" fill="${hex(body)}"/>`;
  out += `<path d="${polyPath([[x - half * 0.62, bodyTop], [x - half * 0.53, bodyTop - cabinH * 0.8], [x + half * 0.53, bodyTop - cabinH * 0.8], [x + half * 0.62, bodyTop]])}" fill="${glass}"/>`;
  out += `<rect x="${n(x - half)}" y="${n(bodyTop)}" width="${n(width)}" height="${n(bodyH)}" rx="${n(width * 0.06)}" fill="${hex(body)}"/>`;
  // Tail lights and the number plate between them.
  const lit = lightsOn(s);
  const red = hsl(0, 0.9, lit ? 0.6 : 0.42);
  const lampY = bodyTop + bodyH * 0.22;
  for (const lx of [x - half * 0.82, x + half * 0.82 - width * 0.16]) {
    out += `<rect x="${n(lx)}" y="${n(lampY)}" width="${n(width * 0.16)}" height="${n(bodyH * 0.22)}" fill="${hex(red)}"/>`;
    if (!lit) continue;
    const [gx, gy, gr] = [lx + width * 0.08, lampY + bodyH * 0.11, width * 0.35];
    out += `<circle cx="${n(gx)}" cy="${n(gy)}" r="${n(gr)}" fill="${s.doc.radial([[0, red, 0.6], [1, red, 0]], gx, gy, gr)}"/>`;
  }
  out += `<rect x="${n(x - width * 0.12)}" y="${n(bodyTop + bodyH * 0.5)}" width="${n(width * 0.24)}" height="${n(bodyH * 0.2)}" fill="${hex(hsl(0, 0, 0.9))}"/>`;
  if (s.style.neon) out += neonLine(s, polyPath([[x - half, y - width * 0.08], [x - half, bodyTop], [x - half * 0.6, bodyTop - cabinH], [x + half * 0.6, bodyTop - cabinH], [x + half, bodyTop], [x + half, y - width * 0.08]], false), p.accent, 1.2);
  return out;
}
