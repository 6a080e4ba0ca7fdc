/** Abstract compositions for prompts about shapes, patterns or nothing recognisable. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { neonLine, u, type Scene } from '../scene.js';
import { n, smoothPath, type Point } from '../svg.js';

export type AbstractKind = 'bauhaus' | 'waves' | 'orbs';

export const ABSTRACT_KINDS: readonly AbstractKind[] = ['bauhaus', 'waves', 'orbs'];

function colours(s: Scene): Hsl[] {
  const p = s.palette;
  return [p.accent, p.accent2, p.sun, p.land, p.water, p.sky[1], p.light, p.ink];
}

function background(s: Scene): string {
  const p = s.palette;
  if (s.style.skyBands > 0 || !s.style.gradients) return `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${hex(p.sky[2])}"/>`;
  const fill = s.doc.linearAbs([[0, p.sky[1]], [1, p.sky[2]]], 0, 0, s.w * 0.3, s.h);
  return `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${fill}"/>`;
}

function bauhaus(s: Scene): string {
  const cs = colours(s);
  let out = background(s);
  const cols = Math.max(2, Math.round((s.w / s.m) * 3));
  const rows = Math.max(2, Math.round((s.h / s.m) * 3));
  const cw = s.w / cols;
  const ch = s.h / rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (s.rng.chance(0.18)) continue;
      const x = c * cw;
      const y = r * ch;
      const fill = hex(s.rng.pick(cs));
      const kind = s.rng.int(0, 5);
      const rad = Math.min(cw, ch);
      switch (kind) {
        case 0:
          out += `<circle cx="${n(x + cw / 2)}" cy="${n(y + ch / 2)}" r="${n(rad * s.rng.range(0.3, 0.48))}" fill="${fill}"/>`;
          break;
        case 1: {
          // Quarter circle anchored in a corner.
          const cx = x + (s.rng.chance(0.5) ? 0 : cw);
          const cy = y + (s.rng.chance(0.5) ? 0 : ch);
          const clip = s.doc.def('c', (id) => `<clipPath id="${id}"><rect x="${n(x)}" y="${n(y)}" width="${n(cw)}" height="${n(ch)}"/></clipPath>`);
          out += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rad)}" fill="${fill}" clip-path="url(#${clip})"/>`;
          break;
        }
        case 2:
          out += `<rect x="${n(x + cw * 0.1)}" y="${n(y + ch * 0.1)}" width="${n(cw * 0.8)}" height="${n(ch * 0.8)}" fill="${fill}"/>`;
          break;
        case 3: {
          // Half circle.
          const up = s.rng.chance(0.5);
          const cy = up ? y + ch : y;
          const sweep = up ? 1 : 0;
          out += `<path d="M${n(x)} ${n(cy)}A${n(cw / 2)} ${n(cw / 2)} 0 0 ${sweep} ${n(x + cw)} ${n(cy)}Z" fill="${fill}"/>`;
          break;
        }
        case 4: {
          const sw = rad * 0.12;
          out += `<circle cx="${n(x + cw / 2)}" cy="${n(y + ch / 2)}" r="${n(rad * 0.32)}" fill="none" stroke="${fill}" stroke-width="${n(sw)}"/>`;
          break;
        }
        default: {
          out += `<path d="M${n(x)} ${n(y + ch)}L${n(x + cw / 2)} ${n(y)}L${n(x + cw)} ${n(y + ch)}Z" fill="${fill}"/>`;
        }
      }
    }
  }
  // A few long lines tie the grid together.
  let lines = '';
  for (let i = 0; i < 3; i++) {
    lines += `M${n(s.rng.range(0, s.w))} ${n(s.rng.range(0, s.h))}L${n(s.rng.range(0, s.w))} ${n(s.rng.range(0, s.h))}`;
  }
  out += s.style.neon
    ? neonLine(s, lines, s.palette.accent, 2)
    : `<path d="${lines}" stroke="${hex(s.palette.ink)}" stroke-width="${n(u(s, 4))}" stroke-linecap="round" stroke-opacity="0.8"/>`;
  return out;
}

function waves(s: Scene): string {
  const p = s.palette;
  let out = background(s);
  const bands = s.rng.int(6, 10);
  const phase = s.rng.range(0, Math.PI * 2);
  const freq = s.rng.range(0.8, 1.8) * (s.w / s.m);
  const amp = s.h * s.rng.range(0.04, 0.09);
  for (let b = 0; b < bands; b++) {
    const t = (b + 1) / (bands + 1);
    const base = s.h * (0.15 + 0.85 * t);
    const pts: Point[] = [];
    for (let i = 0; i <= 30; i++) {
      const x = -s.w * 0.05 + (s.w * 1.1 * i) / 30;
      pts.push([x, base + Math.sin((x / s.w) * Math.PI * 2 * freq + phase + b * 0.7) * amp * (1 + 0.3 * Math.sin(b + x / s.w * 3))]);
    }
    const c: Hsl = mixHsl(mixHsl(p.sky[1], p.accent, t), p.ink, t * t * 0.8);
    const fill = s.style.gradients ? s.doc.linearAbs([[0, hsl(c.h, c.s, Math.min(0.95, c.l + 0.08))], [1, c]], 0, base - amp, 0, s.h) : hex(c);
    const d = `${smoothPath(pts)}L${n(s.w * 1.05)} ${n(s.h)}L${n(-s.w * 0.05)} ${n(s.h)}Z`;
    // A soft shadow under each band gives the layered paper-cut look.
    if (!s.style.neon) {
      out += `<path d="${d}" fill="${hex(p.ink)}" fill-opacity="0.1" transform="translate(0 ${n(-u(s, 9))})"/>`;
      out += `<path d="${d}" fill="${hex(p.ink)}" fill-opacity="0.14" transform="translate(0 ${n(-u(s, 4))})"/>`;
    }
    out += `<path d="${d}" fill="${s.style.neon ? hex(p.ink) : fill}"/>`;
    if (s.style.neon) out += neonLine(s, smoothPath(pts), b % 2 ? p.accent : p.accent2, 1.6);
  }
  return out;
}

function orbs(s: Scene): string {
  const p = s.palette;
  let out = `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${hex(p.sky[0])}"/>`;
  const cs = [p.accent, p.accent2, p.glow, p.sky[2], p.water, p.sun];
  const count = s.rng.int(5, 8);
  for (let i = 0; i < count; i++) {
    const r = u(s, s.rng.range(160, 380));
    const c = s.rng.pick(cs);
    out += `<circle cx="${n(s.rng.range(0, s.w))}" cy="${n(s.rng.range(0, s.h))}" r="${n(r * 1.3)}" fill="${s.doc.radialBox([[0, c, 0.85], [0.45, c, 0.6], [1, c, 0]])}"/>`;
  }
  // Crisp accents on top of the soft field.
  for (let i = 0; i < 4; i++) {
    const r = u(s, s.rng.range(20, 90));
    const x = s.rng.range(0.1, 0.9) * s.w;
    const y = s.rng.range(0.1, 0.9) * s.h;
    out += s.rng.chance(0.5)
      ? `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${hex(p.light)}" fill-opacity="0.85"/>`
      : `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="none" stroke="${hex(p.light)}" stroke-width="${n(u(s, 3))}" stroke-opacity="0.8"/>`;
  }
  return out;
}

export function abstractComposition(s: Scene, kind: AbstractKind): string {
  if (kind === 'bauhaus') return bauhaus(s);
  if (kind === 'waves') return waves(s);
  return orbs(s);
}
