/** Land and water motifs: mountain ranges, hills, dunes, ground, sea/lake with reflections, neon grid. */
import { hex, hsl, mixHsl } from '../color.js';
import { depthColour, kept, landFill, neonLine, outline, reduced, strokeScale, strokeShare, u, washedShape, washesMerged, type Scene } from '../scene.js';
import { landPath, n, polyPath, smoothPath, type Point, type Stop } from '../svg.js';
import { duneRidge, hillRidge, jitterRidge, mountainRidge, ridgeY } from '../terrain.js';

export interface LandLayer {
  /** SVG markup. */
  svg: string;
  /** The markup of the land shape alone (no lit faces, snow, mist or glow), which `svg` starts with. */
  shape: string;
  /** The ridge line (for placing things on top). */
  ridge: Point[];
}

const margin = (s: Scene) => s.w * 0.04;

/**
 * Wash copies of a land shape for watercolour-like styles. Where they are drawn as one shape (`washesMerged`) the copies
 * only take their random draws, and their path data is left empty.
 */
function washes(s: Scene, ridge: Point[], bottom: number, smooth: boolean, amount: number): string[] {
  const paths = [landPath(outline(s, ridge), bottom, smooth)];
  for (let i = 1; i < s.style.washes; i++) {
    const copy = jitterRidge(s.rng, ridge, amount);
    paths.push(washesMerged(s, amount) ? '' : landPath(outline(s, copy), bottom, smooth));
  }
  return paths;
}

/** A mist band from y0 to y1; it thickens downward and, with `fadeOut`, thins again at the bottom. */
function mist(s: Scene, y0: number, y1: number, fadeOut: boolean): string {
  if (s.style.mist <= 0 || y1 <= y0) return '';
  const a = Math.min(0.9, s.style.mist);
  const stops: Stop[] = fadeOut ? [[0, s.palette.haze, 0], [0.7, s.palette.haze, a * 0.8], [1, s.palette.haze, 0]] : [[0, s.palette.haze, 0], [1, s.palette.haze, a]];
  const fill = s.doc.linearAbs(stops, 0, y0, 0, y1);
  return `<rect x="0" y="${n(y0)}" width="${n(s.w)}" height="${n(y1 - y0)}" fill="${fill}"/>`;
}

/**
 * The part of a lit face (the triangle summit, foot, inner foot) inside the mountain under `ridge` and above `bottom`, as
 * path data: its upper edge follows the ridge where the ridge runs lower, its lower edge stops at the bottom. Sampled at
 * the ridge's points, so it errs on the inside.
 */
function faceInside(ridge: Point[], summit: Point, foot: Point, inner: Point, bottom: number): string {
  const along = (p: Point, q: Point, x: number) => p[1] + ((q[1] - p[1]) * (x - p[0])) / (q[0] - p[0] || 1);
  const lower = (x: number) => Math.min(bottom, x <= inner[0] ? along(foot, inner, x) : along(inner, summit, x));
  const upper = (x: number) => Math.min(lower(x), Math.max(along(foot, summit, x), ridgeY(ridge, x)));
  const xs = [summit[0], ...ridge.map(([x]) => x).filter((x) => x < summit[0] && x > foot[0]).reverse(), foot[0]];
  const top = xs.map((x): Point => [x, upper(x)]);
  return `${polyPath(top, false)}L${n(inner[0])} ${n(lower(inner[0]))}Z`;
}

export function mountains(s: Scene, layers: number, opts: { base: number; snow: boolean; bottom?: number }): LandLayer[] {
  const out: LandLayer[] = [];
  for (let i = 0; i < layers; i++) {
    const depth = layers === 1 ? 0.5 : i / (layers - 1);
    const height = (s.horizon * s.rng.range(0.32, 0.5)) * (1 - depth * 0.45);
    const base = opts.base + u(s, 12) * i;
    const bottom = opts.bottom ?? Math.min(s.h, base + height * 0.3);
    const ridge = mountainRidge(s.rng, {
      x0: -margin(s), x1: s.w + margin(s), base, height,
      points: Math.round(70 + s.w / 12), peaks: Math.max(2, Math.round((s.w / s.m) * s.rng.int(3, 6))),
      roughness: 0.58,
    });
    const colour = depthColour(s, 0.15 + depth * 0.55);
    const top = Math.min(...ridge.map((p) => p[1]));
    const line = outline(s, ridge);
    const shape = s.style.neon
      ? `<path d="${landPath(line, bottom, false)}" fill="${hex(s.palette.ink)}"/>`
      : washedShape(s, washes(s, ridge, bottom, false, u(s, 6)), landFill(s, colour, top, base + u(s, 10)), u(s, 6));
    let svg = shape;
    if (s.style.neon) {
      svg += neonLine(s, polyPath(line, false), i % 2 === 0 ? s.palette.accent2 : s.palette.accent, 2.2);
    } else {
      // Lit faces: light wedges from each summit, clipped to the mountain (cut to it in reduced scenes: a clip path costs
      // resvg as much as a few shapes).
      const clip = reduced(s) ? '' : ` clip-path="${s.doc.clip(landPath(line, bottom, false))}"`;
      const light = hsl(colour.h, colour.s * 0.9, Math.min(0.95, colour.l + 0.12));
      let faces = '';
      for (let k = 2; k < ridge.length - 2; k++) {
        const [x, y] = ridge[k];
        const lo = Math.max(0, k - 10);
        const hi = Math.min(ridge.length, k + 11);
        let summit = true;
        for (let q = lo; q < hi && summit; q++) if (q !== k && ridge[q][1] <= y) summit = false;
        if (summit && y < base - (base - top) * 0.4) {
          const drop = base - y;
          const foot: Point = [x - drop * 0.55, base + drop * 0.1];
          const inner: Point = [x - drop * 0.05, base];
          faces += reduced(s) ? faceInside(line, [x, y], foot, inner, bottom) : `M${n(x)} ${n(y)}L${n(foot[0])} ${n(foot[1])}L${n(inner[0])} ${n(inner[1])}Z`;
        }
      }
      if (faces) svg += `<path d="${faces}" fill="${hex(light)}" fill-opacity="${s.style.gradients ? 0.35 : 0.5}"${clip}/>`;
      if (opts.snow && i === 0) {
        const snowLine = top + (base - top) * s.rng.range(0.22, 0.35);
        // Reduced scenes keep the snow line under the ridge instead of clipping the cap to the mountain.
        const snowY = (x: number, y: number) => (reduced(s) ? Math.max(y, ridgeY(ridge, x)) : y);
        const snowPts: Point[] = outline(s, ridge.map(([x]) => [x, snowY(x, snowLine + u(s, s.rng.jitter(10)))]));
        const capD = `${polyPath(line, false)}L${n(ridge[ridge.length - 1][0])} ${n(snowLine)}${snowPts
          .slice()
          .reverse()
          .map(([x, y]) => `L${n(x)} ${n(y)}`)
          .join('')}Z`;
        svg += `<path d="${capD}" fill="${hex(mixHsl(s.palette.light, colour, 0.15))}" fill-opacity="0.92"${clip}/>`;
      }
      svg += mist(s, base - (base - top) * 0.5, bottom + 0.5, false);
    }
    out.push({ svg, shape, ridge });
  }
  return out;
}

export function hills(s: Scene, layers: number, opts: { from: number; to: number; bottom?: number }): LandLayer[] {
  const out: LandLayer[] = [];
  const bottom = opts.bottom ?? s.h;
  for (let i = 0; i < layers; i++) {
    const depth = layers === 1 ? 1 : i / (layers - 1);
    const base = opts.from + (opts.to - opts.from) * depth;
    const height = u(s, s.rng.range(40, 90)) * (0.6 + depth);
    const ridge = hillRidge(s.rng, { x0: -margin(s), x1: s.w + margin(s), base, height, points: 40, waves: s.rng.range(0.8, 1.8) * (s.w / s.m) });
    const colour = depthColour(s, 0.35 + depth * 0.6);
    const top = Math.min(...ridge.map((p) => p[1]));
    const shape = s.style.neon
      ? `<path d="${landPath(outline(s, ridge), bottom, true)}" fill="${hex(s.palette.ink)}"/>`
      : washedShape(s, washes(s, ridge, bottom, true, u(s, 5)), landFill(s, colour, top, bottom, s.style.mist * 0.4), u(s, 5));
    let svg = shape;
    if (s.style.neon) svg += neonLine(s, smoothPath(outline(s, ridge)), i % 2 === 0 ? s.palette.accent : s.palette.accent2, 2);
    else if (i < layers - 1) svg += mist(s, base - height * 0.5, base + height * 0.6, true);
    out.push({ svg, shape, ridge });
  }
  return out;
}

export function dunes(s: Scene, layers: number, opts: { from: number; to: number }): LandLayer[] {
  const out: LandLayer[] = [];
  for (let i = 0; i < layers; i++) {
    const depth = layers === 1 ? 1 : i / (layers - 1);
    const base = opts.from + (opts.to - opts.from) * depth;
    const height = u(s, s.rng.range(90, 170)) * (0.5 + depth);
    const ridge = duneRidge(s.rng, { x0: -margin(s), x1: s.w + margin(s), base, height, points: 60, dunes: Math.max(1, Math.round((s.w / s.m) * s.rng.int(1, 3))) });
    const colour = depthColour(s, 0.3 + depth * 0.45);
    const top = Math.min(...ridge.map((p) => p[1]));
    const shape = s.style.neon
      ? `<path d="${landPath(outline(s, ridge), s.h, true)}" fill="${hex(s.palette.ink)}"/>`
      : washedShape(s, washes(s, ridge, s.h, true, u(s, 5)), landFill(s, colour, top, s.h, 0.2), u(s, 5));
    let svg = shape;
    if (s.style.neon) {
      svg += neonLine(s, smoothPath(outline(s, ridge)), s.palette.accent2, 2);
    } else {
      // Lee-side shadows: from each crest, follow the ridge down its steep side, then curve back under the crest.
      const clip = s.doc.clip(landPath(outline(s, ridge), s.h, true));
      let shadows = '';
      for (let k = 1; k < ridge.length - 1; k++) {
        const [x, y] = ridge[k];
        if (!(y < ridge[k - 1][1] && y <= ridge[k + 1][1]) || base - y < height * 0.2) continue;
        let j = k;
        while (j + 1 < ridge.length && ridge[j + 1][1] >= ridge[j][1]) j++;
        if (j - k < 2) continue;
        const drop = ridge[j][1] - y;
        const lee = outline(s, ridge.slice(k, j + 1));
        const [ex, ey] = ridge[j];
        shadows += `${polyPath(lee, false)}L${n(ex)} ${n(ey + drop * 0.6)}Q${n(x + (ex - x) * 0.15)} ${n(y + drop * 0.9)} ${n(x)} ${n(y)}Z`;
      }
      const shadow = hsl(colour.h + 8, Math.min(1, colour.s * 1.05), colour.l * 0.74);
      if (shadows) svg += `<path d="${shadows}" fill="${hex(shadow)}" fill-opacity="0.6" clip-path="${clip}"/>`;
      // Wind ripples on the lit side.
      let ripples = '';
      for (let r = 0; r < 6; r++) {
        const rx = s.rng.range(0, s.w);
        const ry = ridgeY(ridge, rx) + (s.h - ridgeY(ridge, rx)) * s.rng.range(0.1, 0.6);
        const len = u(s, s.rng.range(30, 90));
        ripples += `M${n(rx)} ${n(ry)}q${n(len / 2)} ${n(-len * 0.06)} ${n(len)} 0`;
      }
      svg += `<path d="${ripples}" fill="none" stroke="${hex(hsl(colour.h, colour.s, Math.min(0.95, colour.l + 0.1)))}" stroke-width="${n(u(s, 1.4))}" stroke-opacity="0.5" clip-path="${clip}"/>`;
    }
    out.push({ svg, shape, ridge });
  }
  return out;
}

/** Plain ground from the horizon down (so no sky shows below the horizon). */
export function ground(s: Scene): string {
  if (s.style.neon) return neonGrid(s);
  const far = depthColour(s, 0.4);
  const near = depthColour(s, 0.95);
  const top = s.style.mist > 0 ? mixHsl(s.palette.haze, far, 1 - Math.min(1, s.style.mist)) : far;
  const fill = s.style.gradients || s.style.skyBands === 0 ? s.doc.linearAbs([[0, top], [0.15, far], [1, near]], 0, s.horizon, 0, s.h) : hex(mixHsl(far, near, 0.5));
  return `<rect x="0" y="${n(s.horizon)}" width="${n(s.w)}" height="${n(s.h - s.horizon)}" fill="${fill}"/>`;
}

/** Synthwave floor: dark ground with a perspective grid converging on the horizon. */
export function neonGrid(s: Scene): string {
  const p = s.palette;
  const vx = s.w / 2 + u(s, s.rng.jitter(60));
  let d = '';
  const depth = s.h - s.horizon;
  for (let i = 1; i <= 14; i++) {
    const y = s.horizon + depth * Math.pow(i / 14, 2.2);
    d += `M0 ${n(y)}H${n(s.w)}`;
  }
  const spread = s.w * 1.8;
  for (let i = -14; i <= 14; i++) {
    const end = vx + (spread * i) / 14;
    // Reduced scenes end the lines at the canvas' sides (they run on outside it, unseen) and draw them unclipped.
    const x = reduced(s) ? Math.min(s.w, Math.max(0, end)) : end;
    d += `M${n(vx)} ${n(s.horizon)}L${n(x)} ${n(x === end ? s.h : s.horizon + (depth * (x - vx)) / (end - vx))}`;
  }
  const floor = s.doc.linearAbs([[0, p.ink], [1, hsl(p.ink.h, p.ink.s, 0.12)]], 0, s.horizon, 0, s.h);
  const lines = neonLine(s, d, p.accent2, 1.4);
  const grid = reduced(s) ? lines : `<g clip-path="url(#${s.doc.def('c', (id) => `<clipPath id="${id}"><rect x="0" y="${n(s.horizon)}" width="${n(s.w)}" height="${n(depth)}"/></clipPath>`)})">${lines}</g>`;
  return `<rect x="0" y="${n(s.horizon)}" width="${n(s.w)}" height="${n(depth)}" fill="${floor}"/>${grid}`;
}

/**
 * Sea or lake from the horizon down: gradient water, the mirrored horizon layers, the sun's glitter path and
 * wave strokes that shrink toward the horizon.
 */
export function water(s: Scene, opts: { reflect: string[]; calm: boolean }): string {
  const p = s.palette;
  const depth = s.h - s.horizon;
  const near = s.style.neon ? p.ink : mixHsl(p.water, p.sky[0], 0.35);
  const far = s.style.neon ? hsl(p.ink.h, p.ink.s, 0.15) : mixHsl(p.sky[2], p.water, 0.3);
  const fill = s.style.gradients || s.style.skyBands === 0 ? s.doc.linearAbs([[0, far], [1, hsl(near.h, near.s, near.l * 0.8)]], 0, s.horizon, 0, s.h) : hex(mixHsl(far, near, 0.5));
  let out = `<rect x="0" y="${n(s.horizon)}" width="${n(s.w)}" height="${n(depth)}" fill="${fill}"/>`;
  if (opts.reflect.length > 0) {
    const clip = s.doc.def('c', (id) => `<clipPath id="${id}"><rect x="0" y="${n(s.horizon)}" width="${n(s.w)}" height="${n(depth)}"/></clipPath>`);
    out += `<g clip-path="url(#${clip})" opacity="${opts.calm ? 0.42 : 0.26}"><g transform="matrix(1 0 0 -1 0 ${n(2 * s.horizon)})">${opts.reflect
      .map((id) => `<use href="#${id}"/>`)
      .join('')}</g></g>`;
  }
  const c = s.celestial;
  if (c && c.y < s.horizon + c.r) {
    // Glitter path under the sun or moon.
    let d = '';
    const rows = 34;
    for (let i = 0; i < rows; i++) {
      const t = i / rows;
      const y = s.horizon + depth * Math.pow(t, 1.6) + u(s, 2);
      const half = c.r * (0.5 + t * 2.2) * s.rng.range(0.4, 1.1);
      const x = c.x + s.rng.jitter(c.r * 0.3 * (0.5 + t));
      d += `M${n(x - half)} ${n(y)}H${n(x + half)}`;
    }
    const col = c.kind === 'sun' ? mixHsl(p.sun, p.glow, 0.3) : p.light;
    out += `<path d="${d}" stroke="${hex(col)}" stroke-width="${n(u(s, 2.2))}" stroke-linecap="round" stroke-opacity="0.7"/>`;
  }
  // Wave strokes: light and dark short dashes, denser and smaller near the horizon.
  let light = '';
  let dark = '';
  const count = Math.min(420, Math.round((s.w / 1000) * (opts.calm ? 70 : 160)));
  for (let i = 0; i < count; i++) {
    const t = Math.pow(s.rng.next(), 1.7);
    const y = s.horizon + depth * t + u(s, 1);
    const len = u(s, 8 + 70 * t) * s.rng.range(0.5, 1.4);
    const x = s.rng.range(-0.05, 1.05) * s.w;
    const seg = `M${n(x)} ${n(y)}h${n(len)}`;
    const isLight = s.rng.chance(0.5);
    if (!kept(i, strokeShare(s))) continue;
    if (isLight) light += seg;
    else dark += seg;
  }
  const lightC = s.style.neon ? p.accent : mixHsl(p.light, p.sky[2], 0.3);
  const darkC = hsl(near.h, near.s, near.l * 0.6);
  const sw = n(u(s, 1.6) * strokeScale(s));
  out += `<path d="${light}" stroke="${hex(lightC)}" stroke-width="${sw}" stroke-linecap="round" stroke-opacity="${s.style.neon ? 0.8 : 0.35}"/>`;
  out += `<path d="${dark}" stroke="${hex(darkC)}" stroke-width="${sw}" stroke-linecap="round" stroke-opacity="0.3"/>`;
  return out;
}

/** A shore or ledge across the bottom, for things that need solid ground in front of water. */
export function foreground(s: Scene, top: number, kind: 'sand' | 'grass' | 'rock'): LandLayer {
  const ridge = hillRidge(s.rng, { x0: -margin(s), x1: s.w + margin(s), base: top + u(s, 40), height: u(s, 55), points: 30, waves: 1.2 * (s.w / s.m) });
  const p = s.palette;
  const base = kind === 'sand' ? mixHsl(hsl(38, 0.5, 0.62), p.land, 0.35) : kind === 'grass' ? depthColour(s, 0.9) : mixHsl(p.ink, p.land, 0.4);
  const colour = p.night && kind === 'sand' ? hsl(base.h, base.s * 0.6, base.l * 0.45) : base;
  const fill = s.style.neon ? hex(p.ink) : landFill(s, colour, top, s.h, 0);
  const shape = washedShape(s, washes(s, ridge, s.h, true, u(s, 4)), fill, u(s, 4));
  const glow = s.style.neon ? neonLine(s, smoothPath(outline(s, ridge)), p.accent, 1.8) : '';
  return { svg: shape + glow, shape, ridge };
}

export { ridgeY };
