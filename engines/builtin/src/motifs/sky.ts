/** Sky layer motifs: gradient or banded sky, sun, moon, stars, clouds, aurora, rainbow, planet, birds, balloons, weather. */
import { hex, hsl, mixHsl, type Hsl } from '../color.js';
import { dot, kept, padStops, pixelSize, reduced, strokeScale, strokeShare, u, type Scene } from '../scene.js';
import { circleCapPath, circlePath, n, rectPath, smoothPath, type Point } from '../svg.js';

/**
 * Collects small dots of one colour for reduced-detail scenes: each dot's opacity is rounded to one of a few levels and
 * the dots of a level share one path element.
 */
class DotLayers {
  private readonly levels = new Map<number, string>();

  add(cx: number, cy: number, r: number, opacity: number): void {
    const level = Math.max(1, Math.round(opacity * 5));
    this.levels.set(level, (this.levels.get(level) ?? '') + circlePath(cx, cy, r));
  }

  svg(fill: string): string {
    let out = '';
    for (const [level, d] of [...this.levels].sort((a, b) => a[0] - b[0])) {
      out += `<path d="${d}" fill="${fill}"${level < 5 ? ` fill-opacity="${(level / 5).toFixed(1)}"` : ''}/>`;
    }
    return out;
  }
}

export function sky(s: Scene): string {
  const [top, mid, low] = s.palette.sky;
  const bottom = Math.max(s.horizon, s.h * 0.3);
  if (s.style.skyBands > 0) {
    const bands = s.style.skyBands;
    // Bands get thinner toward the horizon, like a poster sunset.
    const bandTop = (i: number) => bottom * (1 - Math.pow(1 - i / bands, 1.35));
    let out = '';
    for (let i = 0; i < bands; i++) {
      const t = i / (bands - 1);
      const c = t < 0.5 ? mixHsl(top, mid, t * 2) : mixHsl(mid, low, (t - 0.5) * 2);
      const y0 = bandTop(i);
      // Reduced scenes end a band a pixel under the next one's top rather than at the bottom: far fewer pixels to fill.
      const y1 = reduced(s) && i < bands - 1 ? bandTop(i + 1) + pixelSize(s) : s.h;
      out += `<rect x="0" y="${n(y0)}" width="${n(s.w)}" height="${n(y1 - y0)}" fill="${hex(c)}"/>`;
    }
    return out;
  }
  const fill = s.doc.linearAbs([[0, top], [0.55, mid], [1, low]], 0, 0, 0, bottom);
  let out = `<rect width="${n(s.w)}" height="${n(s.h)}" fill="${fill}"/>`;
  if (s.style.washes > 0) {
    // Watercolour blooms: big soft patches of the sky's own colours.
    for (let i = 0; i < 4; i++) {
      const c = s.rng.pick([mid, low, s.palette.glow, s.palette.light]);
      const blob = s.doc.radialBox([[0, c, 0.4], [0.6, c, 0.18], [1, c, 0]]);
      out += `<ellipse cx="${n(s.rng.range(0, s.w))}" cy="${n(s.rng.range(0, bottom * 0.8))}" rx="${n(u(s, s.rng.range(200, 420)))}" ry="${n(u(s, s.rng.range(80, 180)))}" fill="${blob}"/>`;
    }
  }
  return out;
}

export function sun(s: Scene): string {
  const c = s.celestial;
  if (!c) return '';
  const p = s.palette;
  let out = `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r * 7)}" fill="${s.doc.radial(
    [[0, p.glow, 0.75], [0.2, p.glow, 0.35], [1, p.glow, 0]],
    c.x, c.y, c.r * 7,
  )}"/>`;
  if (s.style.skyBands > 0 && !s.style.stripedSun) {
    // Flat halo rings.
    out += `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r * 1.9)}" fill="${hex(p.glow)}" fill-opacity="0.25"/>`;
    out += `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r * 1.45)}" fill="${hex(p.glow)}" fill-opacity="0.35"/>`;
  }
  if (s.style.stripedSun) {
    const stripes: string[] = [];
    const top = c.y - c.r;
    const gapStart = c.y - c.r * 0.1;
    stripes.push(`<rect x="${n(c.x - c.r)}" y="${n(top)}" width="${n(c.r * 2)}" height="${n(gapStart - top)}"/>`);
    let y = gapStart;
    let gap = c.r * 0.04;
    while (y < c.y + c.r) {
      const band = c.r * 0.16;
      stripes.push(`<rect x="${n(c.x - c.r)}" y="${n(y + gap)}" width="${n(c.r * 2)}" height="${n(band)}"/>`);
      y += gap + band;
      gap *= 1.45;
    }
    const clip = s.doc.def('c', (id) => `<clipPath id="${id}">${stripes.join('')}</clipPath>`);
    const fill = s.doc.linearAbs([[0, hsl(p.sun.h + 8, 1, 0.7)], [1, p.accent2]], 0, top, 0, c.y + c.r);
    if (s.style.neon) out += `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r * 1.05)}" fill="${hex(p.accent2)}" opacity="0.6" filter="${s.doc.blur(c.r * 0.15)}"/>`;
    out += `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r)}" fill="${fill}" clip-path="url(#${clip})"/>`;
    return out;
  }
  if (s.style.soft > 0) {
    out += `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r * 1.15)}" fill="${s.doc.radial(
      padStops(s, [[0, p.sun], [0.8, p.sun], [1, p.sun, 0]]),
      c.x, c.y, c.r * 1.15,
    )}"/>`;
  } else {
    out += `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r)}" fill="${hex(p.sun)}"/>`;
  }
  return out;
}

export function moon(s: Scene): string {
  const c = s.celestial;
  if (!c) return '';
  const p = s.palette;
  const moonColour = mixHsl(hsl(p.light.h, Math.min(0.35, p.light.s), Math.max(0.88, p.light.l)), p.sun, 0.3);
  let out = `<circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r * 5)}" fill="${s.doc.radial(
    [[0, p.glow, 0.5], [0.25, p.glow, 0.18], [1, p.glow, 0]],
    c.x, c.y, c.r * 5,
  )}"/>`;
  const crescent = s.rng.chance(0.55);
  let maskAttr = '';
  if (crescent) {
    const dx = c.r * s.rng.range(0.35, 0.7) * (s.rng.chance(0.5) ? 1 : -1);
    const dy = -c.r * s.rng.range(0.05, 0.3);
    const mask = s.doc.def(
      'm',
      (id) =>
        `<mask id="${id}" maskUnits="userSpaceOnUse" x="0" y="0" width="${n(s.w)}" height="${n(s.h)}"><circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r)}" fill="#fff"/><circle cx="${n(c.x + dx)}" cy="${n(c.y + dy)}" r="${n(c.r * 0.95)}" fill="#000"/></mask>`,
    );
    maskAttr = ` mask="url(#${mask})"`;
  }
  out += `<g${maskAttr}><circle cx="${n(c.x)}" cy="${n(c.y)}" r="${n(c.r)}" fill="${hex(moonColour)}"/>`;
  const crater = hex(hsl(moonColour.h, moonColour.s, moonColour.l - 0.12));
  let craters = '';
  for (let i = 0; i < 6; i++) {
    const a = s.rng.range(0, Math.PI * 2);
    const d = s.rng.range(0, c.r * 0.7);
    const r = c.r * s.rng.range(0.06, 0.2);
    const drawnR = dot(s, i, r);
    if (!reduced(s)) out += `<circle cx="${n(c.x + Math.cos(a) * d)}" cy="${n(c.y + Math.sin(a) * d)}" r="${n(r)}" fill="${crater}" fill-opacity="0.35"/>`;
    else if (drawnR !== undefined) craters += circlePath(c.x + Math.cos(a) * d, c.y + Math.sin(a) * d, drawnR);
  }
  if (craters) out += `<path d="${craters}" fill="${crater}" fill-opacity="0.35"/>`;
  return `${out}</g>`;
}

export function stars(s: Scene, density = 1): string {
  const count = Math.min(900, Math.round(((s.w * s.horizon) / 1000) * 0.22 * density));
  const colour = hex(s.palette.light);
  let dots = '';
  let sparkles = '';
  const layers = new DotLayers();
  for (let i = 0; i < count; i++) {
    const x = s.rng.range(0, s.w);
    const y = s.horizon * Math.pow(s.rng.next(), 1.6) * 0.95;
    const r = u(s, s.rng.chance(0.08) ? s.rng.range(2, 3.2) : s.rng.range(0.8, 1.8));
    const o = s.rng.range(0.35, 1) * (1 - (y / s.horizon) * 0.6);
    const drawnR = dot(s, i, r);
    if (drawnR === undefined) continue;
    if (reduced(s)) layers.add(x, y, drawnR, o);
    else dots += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${colour}" fill-opacity="${o.toFixed(2)}"/>`;
    if (r > u(s, 2.6) && o > 0.6) {
      const l = r * 5;
      sparkles += `M${n(x - l)} ${n(y)}H${n(x + l)}M${n(x)} ${n(y - l)}V${n(y + l)}`;
    }
  }
  if (reduced(s)) dots = layers.svg(colour);
  return `${dots}${sparkles ? `<path d="${sparkles}" stroke="${colour}" stroke-width="${n(u(s, 0.6) * strokeScale(s))}" stroke-opacity="0.7"/>` : ''}`;
}

export function clouds(s: Scene, amount: number): string {
  const p = s.palette;
  const count = Math.max(1, Math.round(amount * (s.w / s.m) * s.rng.range(2, 4.5)));
  const lightC = s.style.neon ? hsl(p.sky[1].h, p.sky[1].s, p.sky[1].l * 0.75) : p.night ? mixHsl(p.light, p.sky[1], 0.55) : p.light;
  const shadeC = s.style.neon ? p.ink : mixHsl(lightC, s.style.skyBands > 0 ? p.sky[1] : mixHsl(p.sky[1], p.glow, 0.4), 0.5);
  const soft = s.style.soft > 0;
  let out = '';
  let feathers = '';
  for (let i = 0; i < count; i++) {
    const cx = s.rng.range(-0.05, 1.05) * s.w;
    const cy = s.horizon * s.rng.range(0.12, 0.62);
    const width = u(s, s.rng.range(130, 300)) * (1 - (cy / s.horizon) * 0.4);
    const puffs: Array<[x: number, y: number, r: number]> = [];
    const k = s.rng.int(4, 7);
    for (let j = 0; j < k; j++) {
      const t = j / (k - 1);
      const px = cx - width / 2 + width * t;
      const pr = width * (0.14 + 0.16 * Math.sin(Math.PI * t)) * s.rng.range(0.8, 1.2);
      puffs.push([px, cy - pr * 0.35, pr]);
    }
    const drop = width * 0.05;
    if (reduced(s)) {
      const opacity = s.rng.range(0.75, 0.95).toFixed(2);
      // One faint copy 1.1 times as large stands in for the two feathers; all clouds' feathers share one path.
      if (soft) feathers += puffs.map(([px, py, pr]) => circlePath(cx + (px - cx) * 1.1, cy + (py - cy) * 1.1, pr * 1.1)).join('');
      // The flat bottom is cut into the shapes instead of clipped: each layer is the part of its puffs above the base line.
      const cut = cy + width * 0.02;
      const above = (dy: number) => puffs.map(([px, py, pr]) => circleCapPath(px, py + dy, pr, cut)).join('');
      const shade = above(drop) + cloudBase(cx, cy + drop, width, cut);
      out += `<g opacity="${opacity}"><path d="${shade}" fill="${hex(shadeC)}"/><path d="${above(0)}" fill="${hex(lightC)}"/></g>`;
      continue;
    }
    const circles = puffs.map(([px, py, pr]) => `<circle cx="${n(px)}" cy="${n(py)}" r="${n(pr)}"/>`).join('');
    const base = `<rect x="${n(cx - width / 2)}" y="${n(cy - width * 0.06)}" width="${n(width)}" height="${n(width * 0.08)}" rx="${n(width * 0.04)}"/>`;
    // Flat-bottomed cumulus: clip the puffs at the base line.
    const clip = s.doc.def('c', (id) => `<clipPath id="${id}"><rect x="${n(cx - width)}" y="${n(cy - width)}" width="${n(width * 2)}" height="${n(width + width * 0.02)}"/></clipPath>`);
    const opacity = s.rng.range(0.75, 0.95).toFixed(2);
    out +=
      // Soft styles get a feathered edge from two faint, slightly larger copies (no blur filter: cheap to draw).
      (soft
        ? `<g fill="${hex(lightC)}" opacity="0.18" transform="translate(${n(cx)} ${n(cy)}) scale(1.1) translate(${n(-cx)} ${n(-cy)})">${circles}</g>` +
          `<g fill="${hex(lightC)}" opacity="0.3" transform="translate(${n(cx)} ${n(cy)}) scale(1.05) translate(${n(-cx)} ${n(-cy)})">${circles}</g>`
        : '') +
      `<g clip-path="url(#${clip})" opacity="${opacity}">` +
      `<g fill="${hex(shadeC)}" transform="translate(0 ${n(drop)})">${circles}${base}</g>` +
      `<g fill="${hex(lightC)}">${circles}</g></g>`;
  }
  return (feathers ? `<path d="${feathers}" fill="${hex(lightC)}" fill-opacity="0.3"/>` : '') + out;
}

/**
 * A cloud's base (a bar `width` wide centred on x, its top 0.06 width above y, with round ends) above the line y = `cutY`,
 * as path data.
 */
function cloudBase(x: number, y: number, width: number, cutY: number): string {
  const r = width * 0.04;
  const top = y - width * 0.06;
  const bar = Math.min(cutY, top + 2 * r) - top;
  return (
    (bar > 0 ? rectPath(x - width / 2 + r, top, width - 2 * r, bar) : '') +
    circleCapPath(x - width / 2 + r, top + r, r, cutY) +
    circleCapPath(x + width / 2 - r, top + r, r, cutY)
  );
}

/** A rainbow: seven translucent bands, red outside, its feet at the horizon (the land drawn later hides them). */
export function rainbow(s: Scene): string {
  const cx = s.w * s.rng.range(0.25, 0.75);
  const cy = s.horizon + u(s, 10);
  const outer = s.w * s.rng.range(0.38, 0.55);
  const band = u(s, s.rng.range(9, 13));
  const hues = [0, 30, 55, 120, 200, 235, 275];
  const opacity = s.style.neon ? 0.55 : s.palette.night ? 0.18 : 0.32;
  let out = '';
  hues.forEach((h, i) => {
    const r = outer - band * (i + 0.5);
    const colour = hex(hsl(h, 0.85, s.style.neon ? 0.6 : 0.62));
    out += `<path d="M${n(cx - r)} ${n(cy)}A${n(r)} ${n(r)} 0 0 1 ${n(cx + r)} ${n(cy)}" fill="none" stroke="${colour}" stroke-width="${n(band * 1.02)}" stroke-opacity="${opacity}"/>`;
  });
  return out;
}

export function aurora(s: Scene): string {
  const p = s.palette;
  let out = '';
  const ribbons = s.rng.int(2, 3);
  for (let r = 0; r < ribbons; r++) {
    const pts: Point[] = [];
    const y0 = s.horizon * s.rng.range(0.25, 0.55);
    const amp = s.horizon * s.rng.range(0.05, 0.14);
    const f = s.rng.range(1, 2.2);
    const ph = s.rng.range(0, 6.28);
    for (let i = 0; i <= 24; i++) {
      const x = (s.w * i) / 24;
      pts.push([x, y0 + Math.sin((i / 24) * Math.PI * f + ph) * amp]);
    }
    const height = s.horizon * s.rng.range(0.18, 0.32);
    const upper = pts.map(([x, y]) => [x, y - height] as Point).reverse();
    const d = `${smoothPath(pts)}L${n(upper[0][0])} ${n(upper[0][1])}${smoothPath(upper).slice(1).replace(/^[^C]*/, '')}Z`;
    const colour = r % 2 === 0 ? p.accent : p.accent2;
    const fill = s.doc.linearAbs([[0, colour, 0], [0.7, colour, 0.45], [1, hsl(colour.h, colour.s, 0.7), 0.8]], 0, y0 - height - amp, 0, y0 + amp);
    // Three offset translucent copies give the curtain a soft lower edge without a blur filter.
    for (const [dy, op] of [[u(s, 10), 0.35], [u(s, 5), 0.5], [0, 0.7]] as const) {
      out += `<path d="${d}" fill="${fill}" fill-opacity="${op}" transform="translate(0 ${n(dy)})"/>`;
    }
  }
  return out;
}

export function planet(s: Scene): string {
  const p = s.palette;
  const r = u(s, s.rng.range(70, 130));
  const x = s.w * s.rng.range(0.15, 0.85);
  const y = s.horizon * s.rng.range(0.25, 0.5);
  const base = mixHsl(p.accent2, p.glow, 0.3);
  const body = s.doc.radial([[0, hsl(base.h, base.s, Math.min(0.85, base.l + 0.2))], [0.7, base], [1, hsl(base.h, base.s, base.l * 0.45)]], x - r * 0.35, y - r * 0.35, r * 1.5);
  const tilt = s.rng.range(-25, -8);
  const ring = (half: 'back' | 'front') => {
    const clip = s.doc.def(
      'c',
      (id) =>
        `<clipPath id="${id}"><rect x="${n(x - r * 3)}" y="${n(half === 'back' ? y - r * 3 : y)}" width="${n(r * 6)}" height="${n(r * 3)}" transform="rotate(${n(tilt)} ${n(x)} ${n(y)})"/></clipPath>`,
    );
    return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(r * 2)}" ry="${n(r * 0.45)}" fill="none" stroke="${hex(p.light)}" stroke-opacity="0.7" stroke-width="${n(r * 0.14)}" transform="rotate(${n(tilt)} ${n(x)} ${n(y)})" clip-path="url(#${clip})"/>`;
  };
  return `${ring('back')}<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${body}"/>${ring('front')}`;
}

export function birds(s: Scene): string {
  const count = s.rng.int(3, 9);
  const cx = s.w * s.rng.range(0.2, 0.8);
  const cy = s.horizon * s.rng.range(0.2, 0.55);
  let d = '';
  for (let i = 0; i < count; i++) {
    const x = cx + u(s, s.rng.jitter(160));
    const y = cy + u(s, s.rng.jitter(70));
    const size = u(s, s.rng.range(6, 14));
    const lift = size * s.rng.range(0.2, 0.6);
    d += `M${n(x - size)} ${n(y - lift)}Q${n(x - size * 0.4)} ${n(y - lift * 1.4)} ${n(x)} ${n(y)}Q${n(x + size * 0.4)} ${n(y - lift * 1.4)} ${n(x + size)} ${n(y - lift)}`;
  }
  const colour: Hsl = s.style.neon ? s.palette.light : s.palette.ink;
  return `<path d="${d}" fill="none" stroke="${hex(colour)}" stroke-width="${n(u(s, 2.2))}" stroke-linecap="round" stroke-opacity="0.85"/>`;
}

export function rain(s: Scene): string {
  const count = Math.min(700, Math.round((s.w * s.h) / 4000));
  const slant = s.rng.range(-0.25, 0.1);
  let d = '';
  for (let i = 0; i < count; i++) {
    const x = s.rng.range(-0.1, 1.1) * s.w;
    const y = s.rng.range(0, s.h);
    const len = u(s, s.rng.range(18, 40));
    if (kept(i, strokeShare(s))) d += `M${n(x)} ${n(y)}l${n(len * slant)} ${n(len)}`;
  }
  return `<path d="${d}" stroke="${hex(s.palette.light)}" stroke-width="${n(u(s, 1.1) * strokeScale(s))}" stroke-opacity="0.35"/>`;
}

export function snow(s: Scene): string {
  const count = Math.min(600, Math.round((s.w * s.h) / 5000));
  let out = '';
  const colour = hex(hsl(0, 0, 1));
  const layers = new DotLayers();
  for (let i = 0; i < count; i++) {
    if (!reduced(s)) {
      out += `<circle cx="${n(s.rng.range(0, s.w))}" cy="${n(s.rng.range(0, s.h))}" r="${n(u(s, s.rng.range(1, 3.6)))}" fill="${colour}" fill-opacity="${s.rng.range(0.5, 0.95).toFixed(2)}"/>`;
      continue;
    }
    const x = s.rng.range(0, s.w);
    const y = s.rng.range(0, s.h);
    const r = u(s, s.rng.range(1, 3.6));
    const o = s.rng.range(0.5, 0.95);
    const drawnR = dot(s, i, r);
    if (drawnR !== undefined) layers.add(x, y, drawnR, o);
  }
  return reduced(s) ? layers.svg(colour) : out;
}

/** One to three hot-air balloons drifting above the horizon: striped envelopes, ropes and baskets. */
export function balloons(s: Scene): string {
  const p = s.palette;
  const count = s.rng.int(1, 3);
  const colours: Hsl[] = s.style.neon ? [p.accent, p.accent2] : [mixHsl(hsl(5, 0.75, 0.52), p.accent, 0.3), mixHsl(hsl(45, 0.85, 0.58), p.accent2, 0.3), p.light];
  let out = '';
  for (let i = 0; i < count; i++) {
    // The first is the nearest and largest.
    const r = u(s, i === 0 ? s.rng.range(55, 80) : s.rng.range(22, 40));
    const x = s.w * s.rng.range(0.15, 0.85);
    const y = s.horizon * (i === 0 ? s.rng.range(0.3, 0.5) : s.rng.range(0.15, 0.6));
    const [a, b] = s.rng.shuffle(colours);
    // Envelope: a round top narrowing to the mouth.
    const envelope = `M${n(x - r * 0.32)} ${n(y + r * 1.15)}C${n(x - r * 1.05)} ${n(y + r * 0.55)} ${n(x - r * 1.15)} ${n(y - r)} ${n(x)} ${n(y - r)}` +
      `C${n(x + r * 1.15)} ${n(y - r)} ${n(x + r * 1.05)} ${n(y + r * 0.55)} ${n(x + r * 0.32)} ${n(y + r * 1.15)}Z`;
    out += `<path d="${envelope}" fill="${hex(a!)}"/>`;
    const stripe = `M${n(x - r * 0.11)} ${n(y + r * 1.15)}C${n(x - r * 0.45)} ${n(y + r * 0.5)} ${n(x - r * 0.42)} ${n(y - r * 0.7)} ${n(x)} ${n(y - r)}` +
      `C${n(x + r * 0.42)} ${n(y - r * 0.7)} ${n(x + r * 0.45)} ${n(y + r * 0.5)} ${n(x + r * 0.11)} ${n(y + r * 1.15)}Z`;
    out += `<path d="${stripe}" fill="${hex(b!)}"/>`;
    // Shade on the right half.
    const shade = `M${n(x)} ${n(y - r)}C${n(x + r * 1.15)} ${n(y - r)} ${n(x + r * 1.05)} ${n(y + r * 0.55)} ${n(x + r * 0.32)} ${n(y + r * 1.15)}L${n(x)} ${n(y + r * 1.15)}Z`;
    out += `<path d="${shade}" fill="${hex(p.ink)}" fill-opacity="0.12"/>`;
    const basketTop = y + r * 1.45;
    out += `<path d="M${n(x - r * 0.3)} ${n(y + r * 1.15)}L${n(x - r * 0.16)} ${n(basketTop)}M${n(x + r * 0.3)} ${n(y + r * 1.15)}L${n(x + r * 0.16)} ${n(basketTop)}" stroke="${hex(p.ink)}" stroke-width="${n(r * 0.03)}"/>`;
    out += `<rect x="${n(x - r * 0.17)}" y="${n(basketTop)}" width="${n(r * 0.34)}" height="${n(r * 0.24)}" fill="${hex(mixHsl(hsl(28, 0.45, 0.3), p.ink, 0.3))}"/>`;
  }
  return out;
}
