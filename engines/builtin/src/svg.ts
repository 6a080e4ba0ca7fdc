/** Tiny SVG document builder: definitions registry, number formatting, path helpers. */
import { hex, type Hsl } from './color.js';

export type Point = [number, number];

/**
 * Compact, deterministic number formatting (one decimal): the text of `Math.round(value * 10) / 10`, with -0 as
 * 0. Built from integers, which V8 turns into text about twice as fast as fractions (scenes format thousands).
 */
export const n = (value: number): string => {
  const tenths = Math.round(value * 10);
  if (tenths === 0) return '0';
  if (!Number.isFinite(tenths) || Math.abs(tenths) >= 1e15) return String(tenths / 10);
  const frac = tenths % 10;
  if (frac === 0) return String(tenths / 10);
  const whole = (tenths - frac) / 10;
  return `${tenths < 0 && whole === 0 ? '-0' : whole}.${frac < 0 ? -frac : frac}`;
};

export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string);

export type Stop = [offset: number, colour: Hsl, opacity?: number];

const stopsXml = (stops: Stop[]): string =>
  stops
    .map(([o, c, a]) => `<stop offset="${n(o * 100)}%" stop-color="${hex(c)}"${a === undefined || a >= 1 ? '' : ` stop-opacity="${a.toFixed(3)}"`}/>`)
    .join('');

export class SvgDoc {
  private readonly defs: string[] = [];
  private readonly cache = new Map<string, string>();
  private counter = 0;

  /** Scene size in user units. */
  constructor(
    readonly w: number,
    readonly h: number,
  ) {}

  private newId(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private memo(key: string, make: (id: string) => string, prefix: string): string {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const id = this.newId(prefix);
    this.defs.push(make(id));
    const ref = `url(#${id})`;
    this.cache.set(key, ref);
    return ref;
  }

  /** Vertical (default) or arbitrary linear gradient in object bounding box units. */
  linear(stops: Stop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
    const key = `l${x1},${y1},${x2},${y2}:${stopsXml(stops)}`;
    return this.memo(key, (id) => `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${stopsXml(stops)}</linearGradient>`, 'g');
  }

  /** Linear gradient in user space (absolute coordinates). */
  linearAbs(stops: Stop[], x1: number, y1: number, x2: number, y2: number): string {
    const key = `L${n(x1)},${n(y1)},${n(x2)},${n(y2)}:${stopsXml(stops)}`;
    return this.memo(
      key,
      (id) =>
        `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}">${stopsXml(stops)}</linearGradient>`,
      'g',
    );
  }

  /** Radial gradient in user space. */
  radial(stops: Stop[], cx: number, cy: number, r: number): string {
    const key = `r${n(cx)},${n(cy)},${n(r)}:${stopsXml(stops)}`;
    return this.memo(
      key,
      (id) => `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}">${stopsXml(stops)}</radialGradient>`,
      'g',
    );
  }

  /** Radial gradient in object bounding box units: a soft blob that takes the shape of the element. */
  radialBox(stops: Stop[]): string {
    return this.memo(`R:${stopsXml(stops)}`, (id) => `<radialGradient id="${id}">${stopsXml(stops)}</radialGradient>`, 'g');
  }

  /** Gaussian blur filter (std deviation in user units), with a generous filter region. */
  blur(std: number): string {
    const s = Math.max(0.1, std);
    return this.memo(
      `b${n(s)}`,
      (id) => `<filter id="${id}" x="-30%" y="-30%" width="160%" height="160%"><feGaussianBlur stdDeviation="${n(s)}"/></filter>`,
      'f',
    );
  }

  /** A clip path from path data; returns the url reference. */
  clip(d: string): string {
    return this.memo(`c${d}`, (id) => `<clipPath id="${id}"><path d="${d}"/></clipPath>`, 'c');
  }

  /** A raw definition with a generated id; `make` receives the id. */
  def(prefix: string, make: (id: string) => string): string {
    const id = this.newId(prefix);
    this.defs.push(make(id));
    return id;
  }

  /** The full document, rasterised by the caller at pxW x pxH. */
  toString(body: string, pxW: number, pxH: number): string {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${pxW}" height="${pxH}" viewBox="0 0 ${n(this.w)} ${n(this.h)}" preserveAspectRatio="xMidYMid slice">` +
      `<defs>${this.defs.join('')}</defs>${body}</svg>`
    );
  }
}

/** Polyline path; closes it when asked. */
export function polyPath(points: Point[], close = true): string {
  if (points.length === 0) return '';
  let d = `M${n(points[0][0])} ${n(points[0][1])}`;
  for (let i = 1; i < points.length; i++) d += `L${n(points[i][0])} ${n(points[i][1])}`;
  return close ? `${d}Z` : d;
}

/** Smooth path through the points (Catmull-Rom converted to cubic Béziers). */
export function smoothPath(points: Point[], close = false, tension = 1): string {
  if (points.length < 3) return polyPath(points, close);
  let d = `M${n(points[0][0])} ${n(points[0][1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[Math.min(points.length - 1, i + 2)];
    const k = tension / 6;
    const c1: Point = [p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k];
    d += `C${n(c1[0])} ${n(c1[1])} ${n(c2[0])} ${n(c2[1])} ${n(p2[0])} ${n(p2[1])}`;
  }
  return close ? `${d}Z` : d;
}

/** A closed land shape: the ridge line, then down to the bottom edge. */
export function landPath(ridge: Point[], bottom: number, smooth: boolean): string {
  const first = ridge[0];
  const last = ridge[ridge.length - 1];
  const line = smooth ? smoothPath(ridge) : polyPath(ridge, false);
  return `${line}L${n(last[0])} ${n(bottom)}L${n(first[0])} ${n(bottom)}Z`;
}

/*
 * Shapes as path data, so many shapes of one look can share a single path element. They all run clockwise on screen:
 * shapes merged into one path must turn the same way, or (with the nonzero fill rule) their overlaps cancel out.
 */

/** A circle as path data (two arcs). */
export function circlePath(cx: number, cy: number, r: number): string {
  return `M${n(cx - r)} ${n(cy)}a${n(r)} ${n(r)} 0 1 1 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 1 ${n(-2 * r)} 0z`;
}

/** The part of a circle above the line y = `cutY` as path data (a full circle when it is all above, '' when none is). */
export function circleCapPath(cx: number, cy: number, r: number, cutY: number): string {
  if (cy + r <= cutY) return circlePath(cx, cy, r);
  if (cy - r >= cutY) return '';
  const half = Math.sqrt(r * r - (cutY - cy) ** 2);
  return `M${n(cx - half)} ${n(cutY)}A${n(r)} ${n(r)} 0 ${cutY > cy ? 1 : 0} 1 ${n(cx + half)} ${n(cutY)}z`;
}

/** An ellipse rotated by `degrees` about its centre, as path data. */
export function ellipsePath(cx: number, cy: number, rx: number, ry: number, degrees: number): string {
  const a = (degrees * Math.PI) / 180;
  const dx = Math.cos(a) * rx;
  const dy = Math.sin(a) * rx;
  return `M${n(cx - dx)} ${n(cy - dy)}A${n(rx)} ${n(ry)} ${n(degrees)} 1 1 ${n(cx + dx)} ${n(cy + dy)}A${n(rx)} ${n(ry)} ${n(degrees)} 1 1 ${n(cx - dx)} ${n(cy - dy)}z`;
}

/** An axis-aligned rectangle as path data. */
export function rectPath(x: number, y: number, width: number, height: number): string {
  return `M${n(x)} ${n(y)}h${n(width)}v${n(height)}h${n(-width)}z`;
}
