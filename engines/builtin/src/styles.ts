/** The style presets of the built-in renderer: how shapes are drawn, textured and graded. */
import { hsl, mixHsl, type Hsl } from './color.js';
import { mapPalette, type Palette } from './palette.js';

export const BUILTIN_STYLES = ['watercolor', 'flat', 'neon', 'pixel', 'ink', 'pastel', 'low-poly', 'film', 'retro'] as const;

export type BuiltinStyle = (typeof BUILTIN_STYLES)[number];

export const isBuiltinStyle = (value: unknown): value is BuiltinStyle =>
  typeof value === 'string' && (BUILTIN_STYLES as readonly string[]).includes(value);

export interface StyleSpec {
  id: BuiltinStyle;
  /** 0 = smooth sky gradient, otherwise the number of flat sky bands. */
  skyBands: number;
  /** Land layers shaded with vertical gradients (true) or flat fills. */
  gradients: boolean;
  /** Watercolour washes: translucent, jittered copies of each land shape (0 = a single opaque shape). */
  washes: number;
  /** Blur (scene units) for soft elements: clouds, glows and wash edges. 0 keeps everything crisp. */
  soft: number;
  /** Neon: land drawn as dark shapes with glowing outlines, a perspective grid on flat ground. */
  neon: boolean;
  /** Sun drawn with horizontal stripes (retro/synthwave). */
  stripedSun: boolean;
  /** Mist bands at the foot of far layers (atmospheric depth). */
  mist: number;
  /** Post-processing strengths in [0, 1]. */
  grain: number;
  paper: number;
  vignette: number;
  /** Whole-image blur in output-relative units (fraction of the shorter side), 0 = none. */
  blur: number;
  /** Colour grade applied after rasterising. */
  grade?: { brightness?: number; saturation?: number; hue?: number; contrast?: number; lift?: number; warm?: number };
  /** Pixel art: art pixels along the shorter side, palette size and dithering (0..1). */
  pixel?: { cells: number; colours: number; dither: number };
  /** Low-poly: triangle columns across the longer side. */
  lowPoly?: { columns: number };
  /** Largest raster (in pixels) the SVG is rendered at before being scaled to the output size. */
  maxWorkPixels: number;
  /** Colour transform of the set palette. */
  palette(p: Palette): Palette;
}

const PAPER: Hsl = hsl(40, 0.32, 0.92);

const identity = (p: Palette): Palette => p;

const MEGA = 1024 * 1024;

export const STYLES: Readonly<Record<BuiltinStyle, StyleSpec>> = {
  watercolor: {
    id: 'watercolor', skyBands: 0, gradients: true, washes: 3, soft: 2.2, neon: false, stripedSun: false, mist: 0.5,
    grain: 0, paper: 0.75, vignette: 0, blur: 0.0008, maxWorkPixels: 1.6 * MEGA,
    grade: { saturation: 0.95 },
    palette: (p) => mapPalette(p, (c) => hsl(c.h, c.s * 0.85, 0.22 + c.l * 0.76)),
  },
  flat: {
    id: 'flat', skyBands: 6, gradients: false, washes: 0, soft: 0, neon: false, stripedSun: false, mist: 0,
    grain: 0, paper: 0, vignette: 0, blur: 0, maxWorkPixels: 4.2 * MEGA,
    palette: (p) => mapPalette(p, (c) => hsl(c.h, Math.min(1, c.s * 1.08), c.l)),
  },
  neon: {
    id: 'neon', skyBands: 0, gradients: true, washes: 0, soft: 0, neon: true, stripedSun: true, mist: 0.3,
    grain: 0.25, paper: 0, vignette: 0.55, blur: 0, maxWorkPixels: 2.6 * MEGA,
    grade: { saturation: 1.15 },
    palette: (p) =>
      mapPalette(p, (c, slot) => {
        if (slot === 'sky0') return hsl(c.h, Math.max(0.55, c.s), Math.min(0.1, c.l * 0.4));
        if (slot === 'sky1') return hsl(c.h, Math.max(0.6, c.s), Math.min(0.2, c.l * 0.5));
        if (slot === 'sky2') return hsl(c.h, Math.max(0.75, c.s), 0.38);
        if (slot === 'land' || slot === 'ink' || slot === 'water' || slot === 'haze') return hsl(c.h, Math.max(0.5, c.s), Math.min(0.12, c.l * 0.5));
        return hsl(c.h, 1, 0.6);
      }),
  },
  pixel: {
    id: 'pixel', skyBands: 5, gradients: false, washes: 0, soft: 0, neon: false, stripedSun: false, mist: 0,
    grain: 0, paper: 0, vignette: 0, blur: 0, maxWorkPixels: 4.2 * MEGA,
    pixel: { cells: 112, colours: 20, dither: 0.3 },
    palette: (p) => mapPalette(p, (c) => hsl(c.h, Math.min(1, c.s * 1.15), c.l)),
  },
  ink: {
    id: 'ink', skyBands: 0, gradients: true, washes: 2, soft: 1.6, neon: false, stripedSun: false, mist: 0.9,
    grain: 0, paper: 0.9, vignette: 0.15, blur: 0.0006, maxWorkPixels: 1.6 * MEGA,
    palette: (p) =>
      mapPalette(p, (c, slot) => {
        if (slot === 'sky0') return hsl(PAPER.h, PAPER.s, 0.9);
        if (slot === 'sky1') return hsl(PAPER.h, PAPER.s, 0.93);
        if (slot === 'sky2') return hsl(PAPER.h, PAPER.s, 0.94);
        if (slot === 'sun') return hsl(356, 0.72, 0.5);
        if (slot === 'glow') return hsl(356, 0.5, 0.8);
        if (slot === 'accent') return hsl(356, 0.7, 0.48);
        if (slot === 'haze') return hsl(PAPER.h, 0.12, 0.8);
        if (slot === 'light') return hsl(PAPER.h, 0.2, 0.96);
        if (slot === 'water') return hsl(PAPER.h, 0.15, 0.86);
        // Everything else becomes an ink tone of similar darkness, with a whisper of the original hue.
        return hsl(c.h, 0.08, Math.min(0.55, 0.08 + c.l * 0.9));
      }),
  },
  pastel: {
    id: 'pastel', skyBands: 0, gradients: true, washes: 0, soft: 1.2, neon: false, stripedSun: false, mist: 0.35,
    grain: 0.08, paper: 0, vignette: 0, blur: 0, maxWorkPixels: 1.6 * MEGA,
    palette: (p) => mapPalette(p, (c) => hsl(c.h, 0.22 + c.s * 0.45, 0.46 + c.l * 0.46)),
  },
  'low-poly': {
    id: 'low-poly', skyBands: 0, gradients: true, washes: 0, soft: 0, neon: false, stripedSun: false, mist: 0.3,
    grain: 0, paper: 0, vignette: 0, blur: 0, maxWorkPixels: 2.6 * MEGA,
    lowPoly: { columns: 26 },
    palette: identity,
  },
  film: {
    id: 'film', skyBands: 0, gradients: true, washes: 0, soft: 1.6, neon: false, stripedSun: false, mist: 0.7,
    grain: 0.4, paper: 0, vignette: 0.5, blur: 0.0007, maxWorkPixels: 1.8 * MEGA,
    grade: { saturation: 0.9, lift: 16, contrast: 1.06, warm: 0.06 },
    palette: (p) => mapPalette(p, (c) => hsl(c.h, c.s * 0.88, c.l)),
  },
  retro: {
    id: 'retro', skyBands: 9, gradients: false, washes: 0, soft: 0, neon: false, stripedSun: true, mist: 0,
    grain: 0.3, paper: 0.35, vignette: 0.2, blur: 0, maxWorkPixels: 2.6 * MEGA,
    grade: { saturation: 0.92, lift: 10, warm: 0.05 },
    palette: (p) =>
      mapPalette(p, (c, slot) =>
        slot === 'sun' ? hsl(44, 0.95, 0.62) : mixHsl(hsl(c.h, c.s * 0.85, 0.1 + c.l * 0.82), hsl(30, 0.6, c.l), 0.22),
      ),
  },
};

export const styleSpec = (id: BuiltinStyle): StyleSpec => STYLES[id];

/** The style graded to shades of grey (its warmth kept, so warm styles print as toned photographs). */
export function inBlackAndWhite(spec: StyleSpec): StyleSpec {
  return { ...spec, grade: { ...spec.grade, saturation: 0 } };
}
