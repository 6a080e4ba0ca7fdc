/**
 * Small rasters (thumbnails, previews, icon-sized outputs) are drawn by resvg straight to PNG.
 *
 * At these sizes the cost of an image is fixed overhead, not pixels: libvips needs ~0.5 ms per pipeline and
 * librsvg ~30 µs per SVG element whatever the raster size, while resvg draws the same document at ~7 µs per
 * element with no pipeline to set up (measured in docs/benchmarks.md, section 3). Both are conformant SVG
 * renderers, so a scene looks the same through either; the style's colour grade, applied by libvips on the
 * large path, becomes one feColorMatrix over the whole scene here.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { saturationMatrix } from './color.js';
import type { StyleSpec } from './styles.js';

/** Outputs up to 128×128 take the small path (when they need no watermark, which is drawn with system fonts). */
export const SMALL_RASTER_MAX_PIXELS = 128 * 128;
/**
 * ...and only when the scene fills the raster without cropping and no side is a sliver: resvg aborts the whole
 * process on strips such as 256×16 or 4096×1 (scene cropped by `slice`), so those keep the libvips path.
 */
export const SMALL_RASTER_MIN_SIDE = 32;

// Scenes carry no text: skipping the system font scan saves ~5 ms per render.
const RESVG_OPTIONS: ResvgRenderOptions = { font: { loadSystemFonts: false }, fitTo: { mode: 'original' } };

/** Pixels, row by row, `channels` bytes each. */
export interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

/** The SVG's pixels at its own width and height (RGBA). */
export function rasteriseSvg(svg: string): Raster {
  const image = new Resvg(svg, RESVG_OPTIONS).render();
  return { data: image.pixels, width: image.width, height: image.height, channels: 4 };
}

/**
 * The SVG drawn and encoded as PNG, with the style's colour grade applied over the whole scene
 * (`sceneW` x `sceneH`: the document's viewBox, in user units).
 */
export function renderSmallPng(svg: string, style: StyleSpec, sceneW: number, sceneH: number): Buffer {
  return new Resvg(graded(svg, style, sceneW, sceneH), RESVG_OPTIONS).render().asPng();
}

/**
 * The style's grade (saturation and warmth, then contrast and lift: the same maths as the large path's
 * recomb + linear) as the 20 values of an SVG feColorMatrix, or undefined when the style has none.
 */
export function gradeMatrix(style: StyleSpec): number[] | undefined {
  const g = style.grade;
  if (!g) return undefined;
  const warm = g.warm ?? 0;
  const m = saturationMatrix(g.saturation ?? 1, [1 + warm, 1 + warm * 0.15, 1 - warm]);
  const c = g.contrast ?? 1;
  const lift = g.lift ?? 0;
  const k = (255 - lift) / 255;
  const gain = c * k;
  const offset = (128 * (1 - c) * k + lift) / 255;
  const row = (i: number): number[] => [m[i][0] * gain, m[i][1] * gain, m[i][2] * gain, 0, offset];
  return [...row(0), ...row(1), ...row(2), 0, 0, 0, 1, 0];
}

/** The document with the style's grade applied. */
function graded(svg: string, style: StyleSpec, sceneW: number, sceneH: number): string {
  const matrix = gradeMatrix(style);
  if (!matrix) return svg;
  // A blend mode (the reference wash) mixes colours non-linearly: only a filter over the drawn scene grades it alike.
  // So does black and white: recoloured paints would leave the faint texture tiles in colour.
  const filterOnly = svg.includes('mix-blend-mode') || style.grade?.saturation === 0;
  const recoloured = filterOnly ? undefined : withGradedColours(svg, matrix);
  return recoloured ?? withColourMatrix(svg, matrix, sceneW, sceneH);
}

/**
 * Paint colours as the scenes write them (`hex`, as fill, stroke or stop-color values: references are written `url(#id)`
 * and `href="#s…"`); mask content is luminance, not paint, and is skipped.
 */
const PAINT_COLOUR = /="#([0-9a-f]{6})"/g;
const MASK = /<mask\b[\s\S]*?<\/mask>/g;

/**
 * How far (levels) a graded paint colour may leave 0..255 and be clipped (lifted whites: up to ~17 in film and retro).
 * A colour clipped further (neon's saturated accents, boosted 15%: ~22) would lose visible light in every translucent
 * mix of it, which the filter grades unclipped: such scenes keep the filter.
 */
const MAX_CLIP = 16;

/**
 * `rrggbb` graded by the matrix and cast back to 8 bits as libvips casts the large path's graded pixels (truncated), or
 * undefined when that clips it by more than MAX_CLIP.
 */
function gradedHex(rgb: string, matrix: number[]): string | undefined {
  const v = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16));
  let out = '';
  for (const r of [0, 5, 10]) {
    const level = Math.floor(matrix[r] * v[0] + matrix[r + 1] * v[1] + matrix[r + 2] * v[2] + matrix[r + 4] * 255);
    if (level < -MAX_CLIP || level > 255 + MAX_CLIP) return undefined;
    out += Math.min(255, Math.max(0, level)).toString(16).padStart(2, '0');
  }
  return out;
}

/**
 * The document with the grade applied to every paint colour instead of to the drawn scene, or undefined when a colour
 * would clip (see MAX_CLIP): a filter over the whole scene costs resvg as much as a handful of shapes. The grade is affine
 * and the scene is opaque and built by alpha compositing (convex mixes of its paint colours), so grading the colours
 * grades the pixels alike, up to rounding and clipping. The texture images keep their colours: they are faint (at most
 * ~0.2 opaque).
 */
function withGradedColours(svg: string, matrix: number[]): string | undefined {
  const cache = new Map<string, string | undefined>();
  let clipped = false;
  const grade = (rgb: string): string => {
    if (!cache.has(rgb)) cache.set(rgb, gradedHex(rgb, matrix));
    const out = cache.get(rgb);
    if (out === undefined) clipped = true;
    return out ?? rgb;
  };
  const recolour = (part: string) => part.replace(PAINT_COLOUR, (_, rgb: string) => `="#${grade(rgb)}"`);
  let out = '';
  let last = 0;
  for (const mask of svg.matchAll(MASK)) {
    out += recolour(svg.slice(last, mask.index)) + mask[0];
    last = (mask.index ?? 0) + mask[0].length;
  }
  out += recolour(svg.slice(last));
  return clipped ? undefined : out;
}

/**
 * Wraps everything the document draws in one group filtered by the matrix (sRGB values, as libvips grades them).
 * The filter region is the scene itself, in user units: a region relative to the group's bounding box makes
 * resvg abort the process when the scene has geometry far outside the canvas (neon's perspective grid).
 */
function withColourMatrix(svg: string, matrix: number[], sceneW: number, sceneH: number): string {
  const open = svg.indexOf('>') + 1;
  const close = svg.lastIndexOf('</svg>');
  const filter =
    `<defs><filter id="atelier-grade" filterUnits="userSpaceOnUse" x="0" y="0" width="${sceneW}" height="${sceneH}" color-interpolation-filters="sRGB">` +
    `<feColorMatrix type="matrix" values="${matrix.map((v) => Number(v.toFixed(5))).join(' ')}"/></filter></defs>`;
  return `${svg.slice(0, open)}${filter}<g filter="url(#atelier-grade)">${svg.slice(open, close)}</g></svg>`;
}
