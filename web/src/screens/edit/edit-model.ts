import type { EditOperation } from '../../api/edits';

/**
 * The classic tools of the Edit screen as data, and the two things made from it: the classic edit operations (the
 * API's union, run by server/src/modules/edits on any image) and the canvas filter of the live preview. The crop box is
 * kept in the source image's pixels; operations run in order crop → rotate → flip → adjustments → filter.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Handle = 'nw' | 'ne' | 'sw' | 'se';
export type FilterName = 'none' | 'grayscale' | 'sepia' | 'invert' | 'vignette' | 'blur' | 'sharpen';
export type Rotation = 0 | 90 | 180 | 270;

export const ASPECT_PRESETS: { id: string; ratio: number | null }[] = [
  { id: 'free', ratio: null },
  { id: '1:1', ratio: 1 },
  { id: '4:3', ratio: 4 / 3 },
  { id: '3:2', ratio: 3 / 2 },
  { id: '16:9', ratio: 16 / 9 },
  { id: '9:16', ratio: 9 / 16 },
];

export const FILTERS: FilterName[] = ['none', 'grayscale', 'sepia', 'invert', 'vignette', 'blur', 'sharpen'];

/** Smallest crop side in source pixels. */
export const MIN_CROP = 16;

export interface EditTools {
  crop: Rect;
  rotate: Rotation;
  flipH: boolean;
  flipV: boolean;
  /** Sliders from -100 to 100; 0 leaves the image alone. */
  brightness: number;
  contrast: number;
  saturation: number;
  warmth: number;
  filter: FilterName;
}

export function initialTools(width: number, height: number): EditTools {
  return { crop: { left: 0, top: 0, width, height }, rotate: 0, flipH: false, flipV: false, brightness: 0, contrast: 0, saturation: 0, warmth: 0, filter: 'none' };
}

/** The largest rectangle of `ratio` centred in the image. */
export function centredCrop(ratio: number, width: number, height: number): Rect {
  let w = width;
  let h = width / ratio;
  if (h > height) {
    h = height;
    w = height * ratio;
  }
  return roundRect({ left: (width - w) / 2, top: (height - h) / 2, width: w, height: h }, width, height);
}

/** Whole pixels, inside the image, at least 1×1. */
export function roundRect(r: Rect, width: number, height: number): Rect {
  const left = Math.min(Math.max(Math.round(r.left), 0), width - 1);
  const top = Math.min(Math.max(Math.round(r.top), 0), height - 1);
  return {
    left,
    top,
    width: Math.max(1, Math.min(Math.round(r.width), width - left)),
    height: Math.max(1, Math.min(Math.round(r.height), height - top)),
  };
}

/** Moves the box by (dx, dy) source pixels, stopping at the image's edges. */
export function moveRect(r: Rect, dx: number, dy: number, width: number, height: number): Rect {
  return {
    ...r,
    left: Math.min(Math.max(r.left + dx, 0), width - r.width),
    top: Math.min(Math.max(r.top + dy, 0), height - r.height),
  };
}

/**
 * Drags one corner by (dx, dy) while the opposite corner stays put. With a ratio the height follows the width;
 * the box never leaves the image and never gets smaller than MIN_CROP (or the image, if that is smaller).
 */
export function resizeRect(r: Rect, handle: Handle, dx: number, dy: number, ratio: number | null, width: number, height: number): Rect {
  const west = handle === 'nw' || handle === 'sw';
  const north = handle === 'nw' || handle === 'ne';
  const anchorX = west ? r.left + r.width : r.left;
  const anchorY = north ? r.top + r.height : r.top;
  const roomX = west ? anchorX : width - anchorX;
  const roomY = north ? anchorY : height - anchorY;
  const min = Math.min(MIN_CROP, roomX, roomY);
  let w = Math.min(Math.max(r.width + (west ? -dx : dx), min), roomX);
  let h = Math.min(Math.max(r.height + (north ? -dy : dy), min), roomY);
  if (ratio !== null) {
    // Follow the larger relative change, then shrink to fit the room on both axes.
    h = w / ratio;
    if (h > roomY) {
      h = roomY;
      w = h * ratio;
    }
    if (w < min) {
      w = min;
      h = w / ratio;
    }
  }
  return { left: west ? anchorX - w : anchorX, top: north ? anchorY - h : anchorY, width: w, height: h };
}

/** Re-fits the box to a new ratio around its centre (null keeps it as it is). */
export function applyAspect(r: Rect, ratio: number | null, width: number, height: number): Rect {
  if (ratio === null) return r;
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  const area = r.width * r.height;
  let w = Math.sqrt(area * ratio);
  let h = w / ratio;
  const scale = Math.min(1, width / w, height / h);
  w *= scale;
  h *= scale;
  const left = Math.min(Math.max(cx - w / 2, 0), width - w);
  const top = Math.min(Math.max(cy - h / 2, 0), height - h);
  return { left, top, width: w, height: h };
}

/** Arrow keys on the crop box: move, or with Shift grow/shrink from the bottom-right corner. */
export function keyboardCrop(r: Rect, key: string, shift: boolean, ratio: number | null, width: number, height: number): Rect | null {
  const step = Math.max(1, Math.round(Math.max(width, height) / 50));
  const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  const d = delta[key];
  if (!d) return null;
  return shift ? resizeRect(r, 'se', d[0], d[1], ratio, width, height) : moveRect(r, d[0], d[1], width, height);
}

export function isFullImage(r: Rect, width: number, height: number): boolean {
  const c = roundRect(r, width, height);
  return c.left === 0 && c.top === 0 && c.width === width && c.height === height;
}

/** The classic edit operations of the tools, leaving out tools that are at rest. */
export function toOperations(tools: EditTools, width: number, height: number): EditOperation[] {
  const ops: EditOperation[] = [];
  if (!isFullImage(tools.crop, width, height)) ops.push({ op: 'crop', ...roundRect(tools.crop, width, height) });
  if (tools.rotate !== 0) ops.push({ op: 'rotate', degrees: tools.rotate });
  if (tools.flipH) ops.push({ op: 'flip', direction: 'horizontal' });
  if (tools.flipV) ops.push({ op: 'flip', direction: 'vertical' });
  const sliders = [['brightness', tools.brightness], ['contrast', tools.contrast], ['saturation', tools.saturation], ['temperature', tools.warmth]] as const;
  for (const [op, value] of sliders) if (value !== 0) ops.push({ op, amount: Math.round(value) / 100 });
  switch (tools.filter) {
    case 'none': break;
    case 'grayscale':
    case 'sepia':
    case 'invert': ops.push({ op: tools.filter }); break;
    case 'vignette': ops.push({ op: 'vignette', amount: 0.6 }); break;
    case 'blur': ops.push({ op: 'blur', sigma: 2 }); break;
    case 'sharpen': ops.push({ op: 'sharpen', sigma: 1.5 }); break;
  }
  return ops;
}

/** A CSS/canvas filter that approximates the adjustments and the filter for the live preview. */
export function previewFilter(tools: EditTools): string {
  const parts: string[] = [];
  if (tools.brightness) parts.push(`brightness(${(1 + tools.brightness / 200).toFixed(3)})`);
  if (tools.contrast) parts.push(`contrast(${(1 + tools.contrast / (tools.contrast > 0 ? 66 : 100)).toFixed(3)})`);
  if (tools.saturation) parts.push(`saturate(${Math.max(0, 1 + tools.saturation / 100).toFixed(3)})`);
  if (tools.warmth > 0) parts.push(`sepia(${(tools.warmth / 300).toFixed(3)})`);
  if (tools.warmth < 0) parts.push(`hue-rotate(${(tools.warmth / 5).toFixed(1)}deg)`);
  if (tools.filter === 'grayscale') parts.push('grayscale(1)');
  if (tools.filter === 'sepia') parts.push('sepia(1)');
  if (tools.filter === 'invert') parts.push('invert(1)');
  if (tools.filter === 'blur') parts.push('blur(2px)');
  return parts.join(' ') || 'none';
}

/** Size of the result: the crop, with sides swapped by a quarter turn. */
export function outputSize(tools: EditTools, width: number, height: number): { width: number; height: number } {
  const c = roundRect(tools.crop, width, height);
  return tools.rotate % 180 === 0 ? { width: c.width, height: c.height } : { width: c.height, height: c.width };
}
