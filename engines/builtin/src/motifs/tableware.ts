/**
 * Things on a table, each standing on its foot point (x, y) and `size` tall: a cup on its saucer, a vase of flowers, a
 * bowl of fruit, a candle, a stack of books and a bottle. Each is lit from the side the light comes from (`light`:
 * +1 from the right, -1 from the left), shaded on the other.
 */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { neonLine, setChoice, u, type Scene } from '../scene.js';
import { n, polyPath } from '../svg.js';
import { flowerColours } from './flora.js';

export interface Placed {
  x: number;
  y: number;
  size: number;
  light: 1 | -1;
}

/** A shape's fill: a gradient across it, lit on the light's side, or flat in styles without gradients. */
function litFill(s: Scene, c: Hsl, x: number, half: number, light: number): string {
  if (s.style.neon) return hex(s.palette.ink);
  const lit = hsl(c.h, c.s, Math.min(0.95, c.l + 0.12));
  const dark = mixHsl(c, s.palette.ink, 0.35);
  if (!s.style.gradients) return hex(c);
  return s.doc.linearAbs(light > 0 ? [[0, dark], [1, lit]] : [[0, lit], [1, dark]], x - half, 0, x + half, 0);
}

/** The outline glow neon gives every object. */
const glow = (s: Scene, d: string): string => (s.style.neon ? neonLine(s, d, s.palette.accent, 1.3) : '');

const CUP_GLAZES: readonly Hsl[] = [hsl(0, 0, 0.94), hsl(200, 0.35, 0.55), hsl(12, 0.55, 0.55), hsl(45, 0.5, 0.8), hsl(150, 0.25, 0.5)];

/** A cup on a saucer; steam rises from it when the drink is hot. */
export function cup(s: Scene, o: Placed, steam: boolean): string {
  const glaze = s.tints.cup ?? setChoice(s, 'cup', CUP_GLAZES);
  const h = o.size;
  const top = o.y - h * 0.12 - h;
  const half = h * 0.5;
  const body = `M${n(o.x - half)} ${n(top)}L${n(o.x + half)} ${n(top)}C${n(o.x + half)} ${n(top + h * 0.75)} ${n(o.x + half * 0.75)} ${n(o.y - h * 0.12)} ${n(o.x)} ${n(o.y - h * 0.12)}C${n(o.x - half * 0.75)} ${n(o.y - h * 0.12)} ${n(o.x - half)} ${n(top + h * 0.75)} ${n(o.x - half)} ${n(top)}Z`;
  const side = -o.light;
  const handle = `M${n(o.x + side * half * 0.95)} ${n(top + h * 0.2)}C${n(o.x + side * half * 1.55)} ${n(top + h * 0.15)} ${n(o.x + side * half * 1.55)} ${n(top + h * 0.7)} ${n(o.x + side * half * 0.8)} ${n(top + h * 0.72)}`;
  const fill = litFill(s, glaze, o.x, half, o.light);
  let out = `<ellipse cx="${n(o.x)}" cy="${n(o.y - h * 0.1)}" rx="${n(half * 1.6)}" ry="${n(h * 0.1)}" fill="${fill}"/>`;
  out += `<path d="${handle}" fill="none" stroke="${s.style.neon ? hex(s.palette.accent) : hex(mixHsl(glaze, s.palette.ink, 0.15))}" stroke-width="${n(h * 0.1)}" stroke-linecap="round"/>`;
  out += `<path d="${body}" fill="${fill}"/>`;
  // The drink, seen over the rim.
  out += `<ellipse cx="${n(o.x)}" cy="${n(top)}" rx="${n(half)}" ry="${n(h * 0.1)}" fill="${hex(s.style.neon ? s.palette.ink : hsl(25, 0.55, 0.2))}"/>`;
  if (steam) {
    let d = '';
    for (const dx of [-0.25, 0.05, 0.3]) {
      const x = o.x + dx * h;
      d += `M${n(x)} ${n(top - h * 0.15)}c${n(-h * 0.15)} ${n(-h * 0.2)} ${n(h * 0.15)} ${n(-h * 0.35)} 0 ${n(-h * 0.55)}`;
    }
    const c = s.style.neon ? s.palette.accent2 : mixHsl(s.palette.light, hsl(0, 0, 1), 0.5);
    out += `<path d="${d}" fill="none" stroke="${hex(c)}" stroke-opacity="0.6" stroke-width="${n(h * 0.05)}" stroke-linecap="round"/>`;
  }
  return out + glow(s, body);
}

const VASE_GLAZES: readonly Hsl[] = [hsl(205, 0.45, 0.45), hsl(20, 0.45, 0.5), hsl(160, 0.3, 0.45), hsl(40, 0.2, 0.85)];

/** A round-bellied vase with a bunch of flowers on stems above it. */
export function vase(s: Scene, o: Placed): string {
  const glaze = s.tints.vase ?? setChoice(s, 'vase', VASE_GLAZES);
  const h = o.size;
  const belly = h * 0.32;
  const neck = h * 0.12;
  const top = o.y - h;
  const body = `M${n(o.x - neck)} ${n(top)}C${n(o.x - neck)} ${n(top + h * 0.25)} ${n(o.x - belly * 1.3)} ${n(top + h * 0.45)} ${n(o.x - belly)} ${n(top + h * 0.8)}Q${n(o.x - belly * 0.8)} ${n(o.y)} ${n(o.x)} ${n(o.y)}Q${n(o.x + belly * 0.8)} ${n(o.y)} ${n(o.x + belly)} ${n(top + h * 0.8)}C${n(o.x + belly * 1.3)} ${n(top + h * 0.45)} ${n(o.x + neck)} ${n(top + h * 0.25)} ${n(o.x + neck)} ${n(top)}Z`;
  const p = s.palette;
  const petals: Hsl[] = s.style.neon ? [p.accent, p.accent2]
    : s.tints.flowers ? flowerColours(s).petals.slice(0, 3)
    : [mixHsl(hsl(350, 0.7, 0.6), p.accent, 0.3), mixHsl(hsl(45, 0.85, 0.62), p.accent2, 0.3), hsl(0, 0, 0.96)];
  let stems = '';
  const heads = new Map<string, string>();
  const count = 7;
  for (let i = 0; i < count; i++) {
    const angle = (-0.6 + (1.2 * i) / (count - 1)) * s.rng.range(0.85, 1.15);
    const length = h * s.rng.range(0.45, 0.7);
    const hx = o.x + Math.sin(angle) * length;
    const hy = top - Math.cos(angle) * length;
    stems += `M${n(o.x)} ${n(top + h * 0.05)}Q${n(o.x + Math.sin(angle) * length * 0.3)} ${n(top - length * 0.5)} ${n(hx)} ${n(hy)}`;
    const r = h * s.rng.range(0.07, 0.11);
    const colour = hex(petals[i % petals.length]!);
    heads.set(colour, (heads.get(colour) ?? '') + `M${n(hx - r)} ${n(hy)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0Z`);
  }
  const green = s.style.neon ? p.accent2 : mixHsl(hsl(120, 0.4, 0.3), p.land, 0.2);
  let out = `<path d="${stems}" fill="none" stroke="${hex(green)}" stroke-width="${n(h * 0.025)}" stroke-linecap="round"/>`;
  out += [...heads].map(([fill, d]) => `<path d="${d}" fill="${fill}"/>`).join('');
  out += `<path d="${body}" fill="${litFill(s, glaze, o.x, belly * 1.2, o.light)}"/>`;
  return out + glow(s, body);
}

const FRUIT: readonly Hsl[] = [hsl(2, 0.75, 0.45), hsl(85, 0.55, 0.45), hsl(48, 0.85, 0.58), hsl(30, 0.85, 0.55), hsl(290, 0.35, 0.35)];

/** A shallow bowl heaped with fruit. */
export function fruitBowl(s: Scene, o: Placed): string {
  const h = o.size * 0.45;
  const half = o.size * 0.75;
  const rim = o.y - h;
  let fruit = '';
  const r = o.size * 0.2;
  const heap: [number, number][] = [[-0.55, 0.2], [0, 0.3], [0.55, 0.2], [-0.28, 0.95], [0.3, 0.9]];
  for (const [i, [fx, fy]] of heap.entries()) {
    const c = s.style.neon ? (i % 2 ? s.palette.accent : s.palette.accent2) : FRUIT[(i + s.rng.int(0, 4)) % FRUIT.length]!;
    const cx = o.x + fx * half * 0.85;
    const cy = rim - fy * r;
    fruit += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${litFill(s, c, cx, r, o.light)}"/>`;
  }
  const bowl = `M${n(o.x - half)} ${n(rim)}Q${n(o.x - half * 0.9)} ${n(o.y)} ${n(o.x)} ${n(o.y)}Q${n(o.x + half * 0.9)} ${n(o.y)} ${n(o.x + half)} ${n(rim)}Z`;
  const glaze = s.tints.fruit ?? hsl(35, 0.25, 0.82);
  return fruit + `<path d="${bowl}" fill="${litFill(s, glaze, o.x, half, o.light)}"/>` + glow(s, bowl);
}

/** A candle with a glowing flame. */
export function candle(s: Scene, o: Placed): string {
  const h = o.size;
  const half = h * 0.13;
  const top = o.y - h * 0.8;
  const wax = s.tints.candle ?? hsl(45, 0.4, 0.9);
  const flameY = top - h * 0.12;
  const flame = hsl(42, 1, 0.65);
  let out = `<circle cx="${n(o.x)}" cy="${n(flameY)}" r="${n(h * 0.6)}" fill="${s.doc.radial([[0, flame, 0.55], [1, flame, 0]], o.x, flameY, h * 0.6)}"/>`;
  out += `<rect x="${n(o.x - half)}" y="${n(top)}" width="${n(half * 2)}" height="${n(o.y - top)}" fill="${litFill(s, wax, o.x, half, o.light)}"/>`;
  out += `<path d="M${n(o.x)} ${n(flameY - h * 0.14)}Q${n(o.x + h * 0.06)} ${n(flameY)} ${n(o.x)} ${n(flameY + h * 0.06)}Q${n(o.x - h * 0.06)} ${n(flameY)} ${n(o.x)} ${n(flameY - h * 0.14)}Z" fill="${hex(hsl(48, 1, 0.8))}"/>`;
  return out + glow(s, `M${n(o.x - half)} ${n(o.y)}V${n(top)}H${n(o.x + half)}V${n(o.y)}`);
}

const COVERS: readonly Hsl[] = [hsl(355, 0.5, 0.35), hsl(215, 0.45, 0.35), hsl(140, 0.3, 0.3), hsl(40, 0.55, 0.5)];

/** A stack of two to four books lying flat, each a little askew. */
export function books(s: Scene, o: Placed): string {
  const count = s.rng.int(2, 4);
  let y = o.y;
  let out = '';
  for (let i = 0; i < count; i++) {
    const thick = o.size * s.rng.range(0.14, 0.2);
    const half = o.size * s.rng.range(0.55, 0.75);
    const shift = o.size * s.rng.jitter(0.12);
    const cover = s.style.neon ? s.palette.ink : COVERS[(i + s.rng.int(0, 3)) % COVERS.length]!;
    const x0 = o.x + shift - half;
    out += `<rect x="${n(x0)}" y="${n(y - thick)}" width="${n(half * 2)}" height="${n(thick)}" fill="${hex(cover)}"/>`;
    // The pages, between the covers, seen on the side facing us (the spine is on the far side).
    out += `<rect x="${n(x0 + half * 0.12)}" y="${n(y - thick * 0.7)}" width="${n(half * 1.8)}" height="${n(thick * 0.4)}" fill="${hex(s.style.neon ? s.palette.accent : hsl(45, 0.3, 0.92))}"/>`;
    y -= thick;
  }
  return out + glow(s, `M${n(o.x - o.size * 0.75)} ${n(o.y)}V${n(y)}H${n(o.x + o.size * 0.75)}V${n(o.y)}`);
}

/** A wine bottle with a glass beside it. */
export function bottle(s: Scene, o: Placed): string {
  const h = o.size * 1.3;
  const half = h * 0.14;
  const shoulder = o.y - h * 0.62;
  const neckHalf = h * 0.045;
  const top = o.y - h;
  const glass = s.tints.bottle ?? hsl(140, 0.45, 0.2);
  const outline: [number, number][] = [
    [o.x - half, o.y], [o.x - half, shoulder], [o.x - neckHalf, shoulder - h * 0.14], [o.x - neckHalf, top],
    [o.x + neckHalf, top], [o.x + neckHalf, shoulder - h * 0.14], [o.x + half, shoulder], [o.x + half, o.y],
  ];
  let out = `<path d="${polyPath(outline)}" fill="${litFill(s, glass, o.x, half, o.light)}"/>`;
  out += `<rect x="${n(o.x - half)}" y="${n(o.y - h * 0.42)}" width="${n(half * 2)}" height="${n(h * 0.2)}" fill="${hex(s.style.neon ? s.palette.accent2 : hsl(40, 0.35, 0.88))}"/>`;
  // The glass: a bowl of red wine on a stem.
  const gx = o.x - o.light * half * 2.6;
  const gh = o.size * 0.55;
  const wine = s.style.neon ? s.palette.accent : hsl(350, 0.6, 0.3);
  const bowl = `M${n(gx - gh * 0.28)} ${n(o.y - gh)}Q${n(gx - gh * 0.3)} ${n(o.y - gh * 0.45)} ${n(gx)} ${n(o.y - gh * 0.45)}Q${n(gx + gh * 0.3)} ${n(o.y - gh * 0.45)} ${n(gx + gh * 0.28)} ${n(o.y - gh)}Z`;
  out += `<path d="${bowl}" fill="${hex(wine)}" fill-opacity="0.85"/>`;
  out += `<path d="M${n(gx)} ${n(o.y - gh * 0.45)}V${n(o.y)}M${n(gx - gh * 0.16)} ${n(o.y)}H${n(gx + gh * 0.16)}" stroke="${hex(mixHsl(s.palette.light, hsl(0, 0, 1), 0.5))}" stroke-width="${n(u(s, 2.5))}" fill="none"/>`;
  return out + glow(s, polyPath(outline, false));
}
