/**
 * Structured edit operations (their types are in edit-operation.ts): a validator with clear messages, and their application with sharp.
 * The source buffer is never modified; every step produces a new raw image.
 */
import sharp, { type Matrix3x3, type OverlayOptions, type Sharp } from 'sharp';
import { EngineInputError, escapeXml, luma, parseColour, rgbHex, saturationMatrix, throwIfAborted, watermarkOverlay } from '@atelier/engine-builtin';
import { decodeCost, sharedDecodeBudget, type DecodeBudget } from '../../media/decode-budget.js';
import { MediaError } from '../../media/errors.js';
import type { EditOperation, FlipDirection, TextPosition } from './edit-operation.js';
import { aspectCrop, checkStep, largestStepPixels, MAX_PIXELS, MAX_SIDE, MAX_STEP_PIXELS, parseAspect, resizeTarget, zoomCrop } from './edit-geometry.js';

export type { EditOperation, FlipDirection, TextPosition };

export type EditOperationName = EditOperation['op'];

export const EDIT_OPERATION_NAMES: readonly EditOperationName[] = [
  'brightness', 'contrast', 'saturation', 'temperature', 'grayscale', 'sepia', 'invert', 'blur', 'sharpen',
  'rotate', 'flip', 'crop', 'resize', 'zoom', 'text', 'border', 'vignette',
];

export const MAX_OPERATIONS = 20;
export const MAX_TEXT_LENGTH = 200;

const ALLOWED_FIELDS: Readonly<Record<EditOperationName, readonly string[]>> = {
  brightness: ['amount'],
  contrast: ['amount'],
  saturation: ['amount'],
  temperature: ['amount'],
  grayscale: [],
  sepia: [],
  invert: [],
  blur: ['sigma'],
  sharpen: ['sigma'],
  rotate: ['degrees'],
  flip: ['direction'],
  crop: ['aspect', 'left', 'top', 'width', 'height'],
  resize: ['width', 'height', 'scale', 'longSide'],
  zoom: ['factor'],
  text: ['text', 'position', 'color'],
  border: ['width', 'color', 'unit'],
  vignette: ['amount'],
};

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => isNum(v) && Number.isInteger(v);

/**
 * Check an untrusted list of operations. Returns clean copies; throws an Error listing every problem
 * (e.g. `operations[1] (blur): sigma must be a number from 0.3 to 100`).
 */
export function validateOperations(ops: unknown): EditOperation[] {
  const problems: string[] = [];
  if (!Array.isArray(ops)) throw new EngineInputError('INVALID_OPERATIONS', 'Invalid edit operations: expected an array of operations');
  if (ops.length === 0) throw new EngineInputError('INVALID_OPERATIONS', 'Invalid edit operations: the list is empty');
  if (ops.length > MAX_OPERATIONS) {
    throw new EngineInputError('INVALID_OPERATIONS', `Invalid edit operations: at most ${MAX_OPERATIONS} operations are allowed (got ${ops.length})`);
  }
  const out: EditOperation[] = [];
  ops.forEach((raw, i) => {
    const at = `operations[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${at}: must be an object like {"op": "brightness", "amount": 0.2}`);
      return;
    }
    const o = raw as Record<string, unknown>;
    const name = o.op;
    if (typeof name !== 'string' || !(EDIT_OPERATION_NAMES as readonly string[]).includes(name)) {
      problems.push(`${at}: unknown op ${JSON.stringify(name)} (expected one of ${EDIT_OPERATION_NAMES.join(', ')})`);
      return;
    }
    const op = name as EditOperationName;
    const where = `${at} (${op})`;
    const before = problems.length;
    const fail = (message: string) => problems.push(`${where}: ${message}`);
    for (const key of Object.keys(o)) {
      if (key !== 'op' && !ALLOWED_FIELDS[op].includes(key)) fail(`unknown field "${key}"`);
    }
    const amount = (min: number, max: number): number => {
      if (!isNum(o.amount) || o.amount < min || o.amount > max) fail(`amount must be a number from ${min} to ${max}`);
      return o.amount as number;
    };
    const colour = (field: string, required: boolean): string | undefined => {
      const v = o[field];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || !parseColour(v)) {
        fail(`${field} must be a colour name (e.g. "white") or a hex colour like "#ff8800"`);
        return undefined;
      }
      return v.trim().toLowerCase();
    };
    let result: EditOperation | undefined;
    switch (op) {
      case 'brightness':
      case 'contrast':
      case 'saturation':
      case 'temperature':
        result = { op, amount: amount(-1, 1) };
        break;
      case 'vignette':
        result = { op, amount: amount(0, 1) };
        break;
      case 'grayscale':
      case 'sepia':
      case 'invert':
        result = { op };
        break;
      case 'blur':
        if (!isNum(o.sigma) || o.sigma < 0.3 || o.sigma > 100) fail('sigma must be a number from 0.3 to 100');
        result = { op, sigma: o.sigma as number };
        break;
      case 'sharpen':
        if (o.sigma !== undefined && (!isNum(o.sigma) || o.sigma < 0.3 || o.sigma > 10)) fail('sigma must be a number from 0.3 to 10');
        result = o.sigma === undefined ? { op } : { op, sigma: o.sigma as number };
        break;
      case 'rotate':
        if (!isNum(o.degrees) || Math.abs(o.degrees) > 3600) fail('degrees must be a number from -3600 to 3600');
        result = { op, degrees: o.degrees as number };
        break;
      case 'flip':
        if (o.direction !== 'horizontal' && o.direction !== 'vertical') fail('direction must be "horizontal" or "vertical"');
        result = { op, direction: o.direction as FlipDirection };
        break;
      case 'crop': {
        const rectKeys = ['left', 'top', 'width', 'height'] as const;
        const hasRect = rectKeys.some((k) => o[k] !== undefined);
        if (o.aspect !== undefined && hasRect) {
          fail('give either aspect or left/top/width/height, not both');
        } else if (o.aspect !== undefined) {
          if (typeof o.aspect !== 'string' || !parseAspect(o.aspect)) fail('aspect must look like "16:9" (two positive numbers, ratio at most 20:1)');
          else result = { op, aspect: o.aspect.trim() };
        } else if (hasRect) {
          for (const k of rectKeys) {
            const min = k === 'width' || k === 'height' ? 1 : 0;
            if (!isInt(o[k]) || (o[k] as number) < min || (o[k] as number) > 1_000_000) fail(`${k} must be an integer ≥ ${min} (pixels)`);
          }
          result = { op, left: o.left as number, top: o.top as number, width: o.width as number, height: o.height as number };
        } else {
          fail('needs aspect (e.g. "16:9") or left, top, width and height in pixels');
        }
        break;
      }
      case 'resize': {
        const r: { op: 'resize'; width?: number; height?: number; scale?: number; longSide?: number } = { op };
        const given = (['width', 'height', 'scale', 'longSide'] as const).filter((k) => o[k] !== undefined);
        if (given.length === 0) fail('needs width, height, scale or longSide');
        if ((o.scale !== undefined || o.longSide !== undefined) && given.length > 1) fail('give scale, longSide or width/height, not several');
        for (const k of ['width', 'height', 'longSide'] as const) {
          if (o[k] === undefined) continue;
          if (!isInt(o[k]) || (o[k] as number) < 1 || (o[k] as number) > MAX_SIDE) fail(`${k} must be an integer from 1 to ${MAX_SIDE}`);
          else r[k] = o[k] as number;
        }
        if (o.scale !== undefined) {
          if (!isNum(o.scale) || o.scale <= 0 || o.scale > 16) fail('scale must be a number greater than 0 and at most 16');
          else r.scale = o.scale;
        }
        result = r;
        break;
      }
      case 'zoom':
        if (!isNum(o.factor) || o.factor <= 1 || o.factor > 8) fail('factor must be a number greater than 1 and at most 8');
        result = { op, factor: o.factor as number };
        break;
      case 'text': {
        const text = typeof o.text === 'string' ? o.text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
        if (!text) fail('text must be a non-empty string');
        else if (text.length > MAX_TEXT_LENGTH) fail(`text must be at most ${MAX_TEXT_LENGTH} characters`);
        if (o.position !== undefined && o.position !== 'top' && o.position !== 'bottom' && o.position !== 'center') {
          fail('position must be "top", "bottom" or "center"');
        }
        const color = colour('color', false);
        result = { op, text };
        if (o.position !== undefined) result.position = o.position as TextPosition;
        if (color) result.color = color;
        break;
      }
      case 'border': {
        const unit = o.unit ?? 'px';
        if (unit !== 'px' && unit !== 'percent') fail('unit must be "px" or "percent"');
        if (unit === 'percent') {
          if (!isNum(o.width) || o.width <= 0 || o.width > 25) fail('width must be a percentage greater than 0 and at most 25');
        } else if (!isInt(o.width) || o.width < 1 || o.width > 1024) {
          fail('width must be an integer from 1 to 1024 (pixels)');
        }
        const color = colour('color', true);
        result = { op, width: o.width as number, color: color ?? 'white' };
        if (o.unit !== undefined) result.unit = unit as 'px' | 'percent';
        break;
      }
    }
    if (problems.length === before && result) out.push(result);
  });
  if (problems.length > 0) {
    throw new EngineInputError('INVALID_OPERATIONS', `Invalid edit operations: ${problems.join('; ')}`);
  }
  return out;
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

async function toRaw(img: Sharp): Promise<RawImage> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 | 4 };
}

const fromRaw = (r: RawImage): Sharp => sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });

/** Compositing gives libvips images an alpha channel; drop it again when the input had none. */
async function sameChannels(result: Promise<RawImage>, channels: 3 | 4): Promise<RawImage> {
  const r = await result;
  if (r.channels === channels) return r;
  return toRaw(channels === 3 ? fromRaw(r).removeAlpha() : fromRaw(r).ensureAlpha());
}

const GREY: Matrix3x3 = [
  [0.2126, 0.7152, 0.0722],
  [0.2126, 0.7152, 0.0722],
  [0.2126, 0.7152, 0.0722],
];
const SEPIA: Matrix3x3 = [
  [0.393, 0.769, 0.189],
  [0.349, 0.686, 0.168],
  [0.272, 0.534, 0.131],
];

function wrapText(text: string, maxChars: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (!line) line = word;
    else if ((line + ' ' + word).length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.flatMap((l) => (l.length > maxChars ? l.match(new RegExp(`.{1,${maxChars}}`, 'g')) ?? [l] : [l]));
}

function textOverlay(op: { text: string; position?: TextPosition; color?: string }, w: number, h: number): OverlayOptions {
  const fill = parseColour(op.color ?? 'white') ?? { r: 255, g: 255, b: 255 };
  const outline = luma(fill) > 0.5 ? '#000000' : '#ffffff';
  const charW = 0.6;
  let size = Math.max(10, Math.round(Math.min(w, h) * 0.075));
  let lines = [op.text];
  const fits = (s: number, ls: string[]) => Math.max(...ls.map((l) => l.length)) * s * charW <= w * 0.9 && ls.length * s * 1.25 <= h * 0.9;
  while (!fits(size, lines) && size > 10) {
    size = Math.max(10, Math.floor(size * 0.9));
    const maxChars = Math.max(4, Math.floor((w * 0.9) / (size * charW)));
    lines = wrapText(op.text, maxChars);
  }
  const lineH = size * 1.25;
  const blockH = lines.length * lineH;
  const position = op.position ?? 'bottom';
  const top = position === 'top' ? size * 0.6 : position === 'center' ? (h - blockH) / 2 : h - blockH - size * 0.6;
  const stroke = Math.max(1, size * 0.09).toFixed(1);
  const tspans = lines
    .map((l, i) => `<tspan x="${(w / 2).toFixed(1)}" y="${(top + size + i * lineH).toFixed(1)}">${escapeXml(l)}</tspan>`)
    .join('');
  const font = `font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="${size}" font-weight="bold" text-anchor="middle"`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<text ${font} fill="none" stroke="${outline}" stroke-opacity="0.55" stroke-width="${stroke}" stroke-linejoin="round">${tspans}</text>` +
    `<text ${font} fill="${rgbHex(fill)}">${tspans}</text></svg>`;
  return { input: Buffer.from(svg), left: 0, top: 0 };
}

function vignetteOverlay(amount: number, w: number, h: number): Buffer {
  const r = Math.hypot(w, h) / 2;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><radialGradient id="v" gradientUnits="userSpaceOnUse" cx="${w / 2}" cy="${h / 2}" r="${r.toFixed(1)}">` +
    `<stop offset="0.45" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${(amount * 0.9).toFixed(3)}"/>` +
    `</radialGradient></defs><rect width="${w}" height="${h}" fill="url(#v)"/></svg>`;
  return Buffer.from(svg);
}

async function applyOne(img: RawImage, op: EditOperation, index: number): Promise<RawImage> {
  const s = fromRaw(img);
  const { width: w, height: h, channels } = img;
  const hasAlpha = channels === 4;
  switch (op.op) {
    case 'brightness': {
      // Brighter lifts shadows and mid-tones more than highlights (less clipping than a plain gain); darker is a gain.
      const a = op.amount;
      return toRaw(a >= 0 ? s.linear(1 - 0.2 * a, 153 * a) : s.linear(1 + a, 0));
    }
    case 'contrast': {
      const a = op.amount >= 0 ? 1 + op.amount * 1.5 : 1 + op.amount;
      return toRaw(s.linear(a, 128 * (1 - a)));
    }
    case 'saturation':
      return toRaw(s.recomb(saturationMatrix(Math.max(0, 1 + op.amount))));
    case 'temperature': {
      const t = op.amount * 0.22;
      return toRaw(s.recomb([
        [1 + t, 0, 0],
        [0, 1 + t * 0.1, 0],
        [0, 0, 1 - t],
      ]));
    }
    case 'grayscale':
      return toRaw(s.recomb(GREY));
    case 'sepia':
      return toRaw(s.recomb(SEPIA));
    case 'invert':
      return toRaw(s.negate({ alpha: false }));
    case 'blur':
      return toRaw(s.blur(op.sigma));
    case 'sharpen':
      return toRaw(s.sharpen({ sigma: op.sigma ?? 1 }));
    case 'rotate': {
      const deg = ((op.degrees % 360) + 360) % 360;
      if (deg === 0) return img;
      const background = hasAlpha ? { r: 0, g: 0, b: 0, alpha: 0 } : { r: 255, g: 255, b: 255, alpha: 1 };
      return toRaw(s.rotate(deg, { background }));
    }
    case 'flip':
      return toRaw(op.direction === 'horizontal' ? s.flop() : s.flip());
    case 'crop': {
      if ('aspect' in op) return toRaw(s.extract(aspectCrop(op.aspect, w, h)));
      if (op.left >= w || op.top >= h) {
        throw new EngineInputError('INVALID_OPERATIONS', `operations[${index}] (crop): the rectangle starts outside the ${w}x${h} image`);
      }
      return toRaw(s.extract({ left: op.left, top: op.top, width: Math.min(op.width, w - op.left), height: Math.min(op.height, h - op.top) }));
    }
    case 'resize': {
      const t = resizeTarget(op, w, h);
      if (t.width === w && t.height === h) return img;
      return toRaw(s.resize(t.width, t.height, { fit: t.fit, position: 'centre' }));
    }
    case 'zoom':
      return toRaw(s.extract(zoomCrop(op.factor, w, h)).resize(w, h, { fit: 'fill' }));
    case 'text':
      return sameChannels(toRaw(s.composite([textOverlay(op, w, h)])), channels);
    case 'border': {
      const px = op.unit === 'percent' ? Math.max(1, Math.round((Math.min(w, h) * op.width) / 100)) : op.width;
      const c = parseColour(op.color) ?? { r: 255, g: 255, b: 255 };
      return toRaw(s.extend({ top: px, bottom: px, left: px, right: px, background: { ...c, alpha: 1 } }));
    }
    case 'vignette':
      if (op.amount <= 0) return img;
      return sameChannels(toRaw(s.composite([{ input: vignetteOverlay(op.amount, w, h), blend: hasAlpha ? 'atop' : 'over' }])), channels);
  }
}

export interface EditResult {
  data: Buffer;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

export interface EditOptions {
  signal?: AbortSignal;
  /** The memory budget the edit's decode and steps are counted against (the process's shared one by default). */
  budget?: DecodeBudget;
  watermark?: boolean;
  /** Text of the watermark, when one is asked for. */
  watermarkText?: string;
}

/**
 * Apply operations in order. PNG in gives PNG out; anything else gives JPEG. The whole edit holds its peak memory
 * in the decode budget shared with uploads and thumbnails (the source's decode plus two images of its largest step,
 * the one being read and the one being made), so concurrent edits wait rather than exhaust memory.
 */
export async function applyOperations(source: Buffer, operations: readonly EditOperation[], options: EditOptions = {}): Promise<EditResult> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(source).metadata();
  } catch (error) {
    throw new EngineInputError('INVALID_IMAGE', `The source image could not be decoded: ${(error as Error).message}`);
  }
  const size = { width: meta.width ?? 0, height: meta.height ?? 0 };
  const peak = decodeCost(meta) + 2 * RAW_BYTES_PER_PIXEL * largestStepPixels(operations, size);
  try {
    return await (options.budget ?? sharedDecodeBudget).run(peak, () => editWithin(source, meta.format, operations, options));
  } catch (error) {
    if (error instanceof MediaError && error.code === 'IMAGE_TOO_LARGE') {
      throw new EngineInputError('INVALID_OPERATIONS', 'This edit needs more memory than this server allows for one image. Crop or resize the image first, or use fewer or smaller borders.');
    }
    throw error;
  }
}

/** RGBA, the widest raw layout the steps use. */
const RAW_BYTES_PER_PIXEL = 4;

async function editWithin(source: Buffer, format: string | undefined, operations: readonly EditOperation[], options: EditOptions): Promise<EditResult> {
  let img: RawImage;
  try {
    img = await toRaw(sharp(source, { limitInputPixels: MAX_STEP_PIXELS }).autoOrient().toColourspace('srgb'));
  } catch (error) {
    throw new EngineInputError('INVALID_IMAGE', `The source image could not be decoded: ${(error as Error).message}`);
  }
  for (const [i, op] of operations.entries()) {
    throwIfAborted(options.signal);
    // Refused before the pixels exist: a few borders and a rotation can ask for gigabytes.
    checkStep(op, i, img.width, img.height);
    img = await applyOne(img, op, i);
  }
  // Keep the result within the engine's limits (rotations and borders can grow the canvas).
  if (img.width > MAX_SIDE || img.height > MAX_SIDE || img.width * img.height > MAX_PIXELS) {
    const t = resizeTarget({ scale: 1 }, img.width, img.height);
    img = await toRaw(fromRaw(img).resize(t.width, t.height, { fit: 'fill' }));
  }
  throwIfAborted(options.signal);
  const png = format === 'png';
  let out = fromRaw(img);
  if (options.watermark) {
    const mark = watermarkOverlay(img.width, img.height, options.watermarkText);
    if (mark) out = fromRaw(await sameChannels(toRaw(out.composite([mark])), img.channels));
  }
  const data = png
    ? await out.png().toBuffer()
    : await out.flatten({ background: '#ffffff' }).jpeg({ quality: 90, mozjpeg: false }).toBuffer();
  return { data, mime: png ? 'image/png' : 'image/jpeg', width: img.width, height: img.height };
}
