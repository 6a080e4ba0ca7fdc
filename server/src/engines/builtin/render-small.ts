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
  const graded = withColourMatrix(svg, gradeMatrix(style), sceneW, sceneH);
  return new Resvg(graded, RESVG_OPTIONS).render().asPng();
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

/**
 * Wraps everything the document draws in one group filtered by the matrix (sRGB values, as libvips grades them).
 * The filter region is the scene itself, in user units: a region relative to the group's bounding box makes
 * resvg abort the process when the scene has geometry far outside the canvas (neon's perspective grid).
 */
function withColourMatrix(svg: string, matrix: number[] | undefined, sceneW: number, sceneH: number): string {
  if (!matrix) return svg;
  const open = svg.indexOf('>') + 1;
  const close = svg.lastIndexOf('</svg>');
  const filter =
    `<defs><filter id="atelier-grade" filterUnits="userSpaceOnUse" x="0" y="0" width="${sceneW}" height="${sceneH}" color-interpolation-filters="sRGB">` +
    `<feColorMatrix type="matrix" values="${matrix.map((v) => Number(v.toFixed(5))).join(' ')}"/></filter></defs>`;
  return `${svg.slice(0, open)}${filter}<g filter="url(#atelier-grade)">${svg.slice(open, close)}</g></svg>`;
}
