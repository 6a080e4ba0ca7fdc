import { MediaError } from './errors.js';

export interface SizeBounds {
  /** Presets the engine accepts, e.g. ['1K', '2K']. Matched case-insensitively. */
  presets: string[];
  /** Fewest pixels (width × height) an explicit size may have. */
  minPixels: number;
  /** Most pixels (width × height) any size may have. */
  maxPixels: number;
  /** Longest allowed side. */
  maxSide: number;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Side of the square each preset stands for; with an aspect ratio the preset keeps about side² pixels. */
export const SIZE_PRESETS: Readonly<Record<string, number>> = { '1K': 1024, '2K': 2048, '4K': 4096 };

export const DEFAULT_SIZE = '1K';

const GRID = 8;
const WXH = /^(\d{1,6})\s*[x×]\s*(\d{1,6})$/i;
const ASPECT = /^(\d{1,4}(?:\.\d{1,4})?)\s*:\s*(\d{1,4}(?:\.\d{1,4})?)$/;

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function allowedForms(bounds: SizeBounds): string {
  const presets =
    bounds.presets.length > 0
      ? `a preset (${bounds.presets.join(', ')}, optionally with an aspect ratio such as 16:9) or `
      : '';
  return (
    `Use ${presets}WIDTHxHEIGHT (e.g. 1536x1024) with each side at most ${fmt(bounds.maxSide)} px ` +
    `and between ${fmt(bounds.minPixels)} and ${fmt(bounds.maxPixels)} pixels in total.`
  );
}

function invalid(reason: string, bounds: SizeBounds): MediaError {
  return new MediaError('INVALID_SIZE', `${reason} ${allowedForms(bounds)}`);
}

function checkBounds(size: ImageSize, label: string, bounds: SizeBounds): ImageSize {
  const { width, height } = size;
  const pixels = width * height;
  if (width < 1 || height < 1) throw invalid(`Size ${label} has an empty side.`, bounds);
  if (width > bounds.maxSide || height > bounds.maxSide) {
    throw invalid(`Size ${label} has a side longer than ${fmt(bounds.maxSide)} px.`, bounds);
  }
  if (pixels < bounds.minPixels) throw invalid(`Size ${label} has too few pixels (${fmt(pixels)}).`, bounds);
  if (pixels > bounds.maxPixels) throw invalid(`Size ${label} has too many pixels (${fmt(pixels)}).`, bounds);
  return size;
}

function parseAspect(aspect: string, bounds: SizeBounds): number {
  const m = ASPECT.exec(aspect.trim());
  const w = m ? Number(m[1]) : NaN;
  const h = m ? Number(m[2]) : NaN;
  if (!(w > 0) || !(h > 0)) {
    throw invalid(`Invalid aspect ratio "${aspect}": expected WIDTH:HEIGHT such as 16:9 or 2.39:1.`, bounds);
  }
  return w / h;
}

/** Nearest multiple of the grid, never below one grid step. */
function snap(n: number): number {
  return Math.max(GRID, Math.round(n / GRID) * GRID);
}

function snapDown(n: number): number {
  return Math.max(GRID, Math.floor(n / GRID) * GRID);
}

/**
 * A preset's dimensions at an aspect ratio: about the preset's pixel count, both sides multiples of 8, the longer
 * side shrunk to maxSide when it would exceed it (which then lowers the pixel count).
 */
function presetAtAspect(side: number, ratio: number, bounds: SizeBounds): ImageSize {
  const pixels = side * side;
  let w = Math.sqrt(pixels * ratio);
  let h = Math.sqrt(pixels / ratio);
  const shrink = Math.min(1, bounds.maxSide / w, bounds.maxSide / h);
  w *= shrink;
  h *= shrink;
  let width = snap(w);
  let height = snap(h);
  if (width > bounds.maxSide || height > bounds.maxSide || width * height > Math.min(pixels, bounds.maxPixels)) {
    width = snapDown(w);
    height = snapDown(h);
  }
  return { width, height };
}

/** How a size is stored and shown: a preset as its name ('2K'), anything else as the pixels it gave ('1536x1024'). */
export function sizeLabel(size: string | undefined, parsed: ImageSize): string {
  const preset = (size ?? DEFAULT_SIZE).trim().toUpperCase();
  return SIZE_PRESETS[preset] !== undefined ? preset : `${parsed.width}x${parsed.height}`;
}

/**
 * Parses a requested output size: a preset ('1K' = 1024×1024, '2K' = 2048×2048, '4K' = 4096×4096; with `aspect`
 * such as '16:9' it keeps about the same pixel count with both sides multiples of 8) or an explicit 'WxH'
 * ('1536x1024', 'x'/'X'/'×'). `undefined` means '1K'. An explicit WxH is taken as is and `aspect` is ignored.
 * The result always satisfies `bounds`; anything else is a MediaError 'INVALID_SIZE' that states the allowed forms.
 */
export function parseSize(size: string | undefined, bounds: SizeBounds, aspect?: string): ImageSize {
  const text = (size ?? DEFAULT_SIZE).trim();

  const presetKey = text.toUpperCase();
  const side = SIZE_PRESETS[presetKey];
  if (side !== undefined) {
    if (!bounds.presets.some((p) => p.trim().toUpperCase() === presetKey)) {
      throw invalid(`Size preset ${presetKey} is not available here.`, bounds);
    }
    const ratio = aspect === undefined ? 1 : parseAspect(aspect, bounds);
    const result = ratio === 1 ? { width: side, height: side } : presetAtAspect(side, ratio, bounds);
    const label = aspect === undefined ? presetKey : `${presetKey} at ${aspect.trim()}`;
    return checkBounds(result, `${label} (${result.width}x${result.height})`, bounds);
  }

  const m = WXH.exec(text);
  if (m) {
    const result = { width: Number(m[1]), height: Number(m[2]) };
    return checkBounds(result, `${result.width}x${result.height}`, bounds);
  }

  throw invalid(`Invalid size "${size}".`, bounds);
}
