/**
 * The sizes classic edits produce, known before any pixel is touched: so that every step of a chain, not only its
 * result, is bounded (a 237-byte PNG with a few 1024 px borders and a rotation once asked libvips for gigabytes).
 */
import { EngineInputError } from '@atelier/engine-builtin';
import type { EditOperation } from './edit-operation.js';

/** Bounds of an edit's result (larger results are scaled down to fit). */
export const MAX_SIDE = 4096;
export const MAX_PIXELS = 16_777_216;
/** Bounds of every intermediate image: room for a border or a rotation of a full-size image, no more (≈ 200 MB as RGBA). */
export const MAX_STEP_SIDE = 8192;
export const MAX_STEP_PIXELS = 3 * MAX_PIXELS;

export interface Size {
  width: number;
  height: number;
}

const ASPECT_RE = /^\s*(\d+(?:\.\d+)?)\s*[:x/]\s*(\d+(?:\.\d+)?)\s*$/i;

/** Parse 'W:H' into a positive ratio, or undefined. */
export function parseAspect(aspect: string): { w: number; h: number } | undefined {
  const m = ASPECT_RE.exec(aspect);
  if (!m) return undefined;
  const w = Number(m[1]);
  const h = Number(m[2]);
  if (!(w > 0 && h > 0) || w / h > 20 || h / w > 20) return undefined;
  return { w, h };
}

/** The output size after a resize operation, capped to the output bounds (aspect kept when capping). */
export function resizeTarget(
  op: { width?: number; height?: number; scale?: number; longSide?: number }, w: number, h: number,
): { width: number; height: number; fit: 'fill' | 'cover' } {
  let tw: number;
  let th: number;
  let fit: 'fill' | 'cover' = 'fill';
  if (op.scale !== undefined) {
    tw = w * op.scale;
    th = h * op.scale;
  } else if (op.longSide !== undefined) {
    const f = op.longSide / Math.max(w, h);
    tw = w * f;
    th = h * f;
  } else if (op.width !== undefined && op.height !== undefined) {
    tw = op.width;
    th = op.height;
    fit = 'cover';
  } else if (op.width !== undefined) {
    tw = op.width;
    th = (h * op.width) / w;
  } else {
    th = op.height as number;
    tw = (w * th) / h;
  }
  const cap = Math.min(1, MAX_SIDE / tw, MAX_SIDE / th, Math.sqrt(MAX_PIXELS / (tw * th)));
  return { width: Math.max(1, Math.round(tw * cap)), height: Math.max(1, Math.round(th * cap)), fit };
}

/** Centre crop rectangle of an aspect ratio. */
export function aspectCrop(aspect: string, w: number, h: number): { left: number; top: number; width: number; height: number } {
  const a = parseAspect(aspect);
  if (!a) throw new EngineInputError('INVALID_OPERATIONS', `Invalid crop aspect "${aspect}"`);
  const ratio = a.w / a.h;
  let cw = w;
  let ch = Math.round(w / ratio);
  if (ch > h) {
    ch = h;
    cw = Math.round(h * ratio);
  }
  cw = Math.max(1, Math.min(w, cw));
  ch = Math.max(1, Math.min(h, ch));
  return { left: Math.floor((w - cw) / 2), top: Math.floor((h - ch) / 2), width: cw, height: ch };
}

/** The centre 1/factor of each side. */
export function zoomCrop(factor: number, w: number, h: number): { left: number; top: number; width: number; height: number } {
  const width = Math.max(1, Math.round(w / factor));
  const height = Math.max(1, Math.round(h / factor));
  return { left: Math.floor((w - width) / 2), top: Math.floor((h - height) / 2), width, height };
}

/** The size of the image after `op` (the bounding box for a rotation by any angle). */
export function sizeAfter(op: EditOperation, w: number, h: number): Size {
  switch (op.op) {
    case 'rotate': {
      const rad = (((op.degrees % 360) + 360) % 360) * (Math.PI / 180);
      const cos = Math.abs(Math.cos(rad));
      const sin = Math.abs(Math.sin(rad));
      // Within a pixel of what libvips makes; exact for right angles.
      return { width: Math.round(w * cos + h * sin), height: Math.round(w * sin + h * cos) };
    }
    case 'crop': {
      const rect = 'aspect' in op ? aspectCrop(op.aspect, w, h) : { width: Math.min(op.width, Math.max(0, w - op.left)), height: Math.min(op.height, Math.max(0, h - op.top)) };
      return { width: rect.width, height: rect.height };
    }
    case 'resize': {
      const t = resizeTarget(op, w, h);
      return { width: t.width, height: t.height };
    }
    case 'border': {
      const px = op.unit === 'percent' ? Math.max(1, Math.round((Math.min(w, h) * op.width) / 100)) : op.width;
      return { width: w + 2 * px, height: h + 2 * px };
    }
    default:
      return { width: w, height: h };
  }
}

/** Throws (a 400 for the person) when `op` would make an image larger than any step of an edit may be. */
export function checkStep(op: EditOperation, index: number, w: number, h: number): Size {
  const next = sizeAfter(op, w, h);
  if (next.width > MAX_STEP_SIDE || next.height > MAX_STEP_SIDE || next.width * next.height > MAX_STEP_PIXELS) {
    throw new EngineInputError(
      'INVALID_OPERATIONS',
      `operations[${index}] (${op.op}) would make the image ${next.width}×${next.height} pixels; every step of an edit must stay ` +
        `within ${MAX_STEP_SIDE}×${MAX_STEP_SIDE} and ${MAX_STEP_PIXELS.toLocaleString('en')} pixels. Use smaller borders, or crop or resize first.`,
    );
  }
  return next;
}

/** Checks every step of a chain on an image of the given size, before anything is queued or decoded. */
export function checkChain(operations: readonly EditOperation[], size: Size): Size {
  let current = size;
  operations.forEach((op, i) => {
    current = checkStep(op, i, current.width, current.height);
  });
  return current;
}

/** The most pixels any image of the chain holds (the source included), for the memory the edit will take. */
export function largestStepPixels(operations: readonly EditOperation[], size: Size): number {
  let current = size;
  let most = size.width * size.height;
  operations.forEach((op, i) => {
    current = checkStep(op, i, current.width, current.height);
    most = Math.max(most, current.width * current.height);
  });
  return most;
}
