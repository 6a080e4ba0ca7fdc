/** Colour maths used by the palette builder, the motifs and the edit operations. */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Hue in degrees [0, 360), saturation and lightness in [0, 1]. */
export interface Hsl {
  h: number;
  s: number;
  l: number;
}

export const clamp = (value: number, min: number, max: number): number =>
  value < min ? min : value > max ? max : value;

export const clamp01 = (value: number): number => clamp(value, 0, 1);

export const wrapHue = (h: number): number => ((h % 360) + 360) % 360;

export const hsl = (h: number, s: number, l: number): Hsl => ({ h: wrapHue(h), s: clamp01(s), l: clamp01(l) });

export function hslToRgb({ h, s, l }: Hsl): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = wrapHue(h) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  let r = 0;
  let g = 0;
  let b = 0;
  if (hp < 1) [r, g, b] = [c, x, 0];
  else if (hp < 2) [r, g, b] = [x, c, 0];
  else if (hp < 3) [r, g, b] = [0, c, x];
  else if (hp < 4) [r, g, b] = [0, x, c];
  else if (hp < 5) [r, g, b] = [x, 0, c];
  else [r, g, b] = [c, 0, x];
  const m = l - c / 2;
  return { r: Math.round((r + m) * 255), g: Math.round((g + m) * 255), b: Math.round((b + m) * 255) };
}

export function rgbToHsl({ r, g, b }: Rgb): Hsl {
  const rn = r / 255;
  const gn = g / 255;
  const bn = b / 255;
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h: number;
  if (max === rn) h = ((gn - bn) / d) % 6;
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  return { h: wrapHue(h * 60), s: clamp01(s), l };
}

const hex2 = (v: number): string => clamp(Math.round(v), 0, 255).toString(16).padStart(2, '0');

export const rgbHex = ({ r, g, b }: Rgb): string => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** SVG colour string for an HSL colour. */
export const hex = (c: Hsl): string => rgbHex(hslToRgb(c));

/** Signed shortest distance from hue a to hue b, in degrees (-180, 180]. */
export function hueDelta(a: number, b: number): number {
  const d = wrapHue(b - a);
  return d > 180 ? d - 360 : d;
}

/** Interpolate two HSL colours along the shortest hue path. */
export function mixHsl(a: Hsl, b: Hsl, t: number): Hsl {
  // A grey has no meaningful hue: borrow the other colour's hue instead of swinging through the wheel.
  const ah = a.s < 0.04 ? b.h : a.h;
  const bh = b.s < 0.04 ? a.h : b.h;
  const delta = hueDelta(ah, bh);
  // Far-apart hues mix like paint (in RGB): blue to orange goes through a soft grey-violet, not through green.
  if (Math.abs(delta) > 70) return rgbToHsl(mixRgb(hslToRgb(a), hslToRgb(b), t));
  return hsl(ah + delta * t, a.s + (b.s - a.s) * t, a.l + (b.l - a.l) * t);
}

export const mixRgb = (a: Rgb, b: Rgb, t: number): Rgb => ({
  r: a.r + (b.r - a.r) * t,
  g: a.g + (b.g - a.g) * t,
  b: a.b + (b.b - a.b) * t,
});

export const shade = (c: Hsl, dl: number, ds = 0, dh = 0): Hsl => hsl(c.h + dh, c.s + ds, c.l + dl);

/** Relative luminance in [0, 1] (sRGB, no linearisation: good enough for layout decisions). */
export const luma = ({ r, g, b }: Rgb): number => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

/** Named colours accepted by the edit operations and the instruction parser. */
export const NAMED_COLOURS: Readonly<Record<string, string>> = {
  white: '#ffffff',
  black: '#000000',
  red: '#e53935',
  green: '#43a047',
  blue: '#1e88e5',
  yellow: '#fdd835',
  orange: '#fb8c00',
  purple: '#8e24aa',
  violet: '#8e24aa',
  pink: '#ec407a',
  gray: '#808080',
  grey: '#808080',
  gold: '#d4af37',
  golden: '#d4af37',
  silver: '#c0c0c0',
  brown: '#795548',
  navy: '#1a237e',
  teal: '#00897b',
  cyan: '#00bcd4',
  magenta: '#d81b60',
  beige: '#f5f0dc',
  cream: '#fff8e1',
};

/** Parse '#rgb', '#rrggbb' or a named colour into RGB; undefined if it is not one. */
export function parseColour(value: string): Rgb | undefined {
  const v = value.trim().toLowerCase();
  const named = NAMED_COLOURS[v];
  const text = named ?? v;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (short) {
    return { r: parseInt(short[1] + short[1], 16), g: parseInt(short[2] + short[2], 16), b: parseInt(short[3] + short[3], 16) };
  }
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(text);
  if (long) return { r: parseInt(long[1], 16), g: parseInt(long[2], 16), b: parseInt(long[3], 16) };
  return undefined;
}

/**
 * 3x3 colour matrix blending each pixel with its luminance (0 = grey, 1 = unchanged, >1 = more saturated),
 * with optional per-channel gains applied after it (e.g. a warm/cool shift).
 */
export function saturationMatrix(sat: number, gains: [number, number, number] = [1, 1, 1]): [[number, number, number], [number, number, number], [number, number, number]] {
  const lum = [0.2126, 0.7152, 0.0722];
  const row = (i: number): [number, number, number] => [0, 1, 2].map((j) => gains[i] * ((1 - sat) * lum[j] + (i === j ? sat : 0))) as [number, number, number];
  return [row(0), row(1), row(2)];
}
