import sharp from 'sharp';
import type { EngineReference } from '../engine.js';

export interface InputRules {
  /** Largest accepted file. */
  maxBytes: number;
  /** Sides must be longer than this many pixels. */
  minSideExclusive: number;
  /** Formats the provider takes as they are; anything else is converted. */
  formats: readonly string[];
}

export interface PreparedImage {
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  data: Buffer;
  width: number;
  height: number;
}

/** Short side given to an image the provider finds too small. */
const UPSCALE_SHORT_SIDE = 64;

/**
 * Makes a stored image acceptable to a provider: converts other formats (GIF → PNG, first frame), enlarges images
 * with a side at or under the minimum, and re-encodes or scales down files over the size limit. The aspect ratio is
 * checked before the job is queued (see the engines' checkRequest), so it is not changed here.
 */
export async function prepareInput(ref: EngineReference, rules: InputRules): Promise<PreparedImage> {
  let mime = (rules.formats.includes(ref.mime) ? ref.mime : 'image/png') as PreparedImage['mime'];
  let { width, height } = ref;
  const short = Math.min(width, height);
  const tooSmall = short <= rules.minSideExclusive;
  if (mime === ref.mime && !tooSmall && ref.data.length <= rules.maxBytes) {
    return { mime, data: ref.data, width, height };
  }
  if (tooSmall) {
    const scale = UPSCALE_SHORT_SIDE / short;
    width = Math.round(width * scale);
    height = Math.round(height * scale);
  }
  let data = await encode(ref.data, mime, width, height);
  // Over the limit: JPEG first (photos shrink most), then smaller until it fits.
  for (let step = 0; data.length > rules.maxBytes && step < 8; step++) {
    if (rules.formats.includes('image/jpeg')) mime = 'image/jpeg';
    if (step > 0) {
      const scale = Math.sqrt(rules.maxBytes / data.length) * 0.9;
      width = Math.max(rules.minSideExclusive + 1, Math.floor(width * scale));
      height = Math.max(rules.minSideExclusive + 1, Math.floor(height * scale));
    }
    data = await encode(ref.data, mime, width, height);
  }
  return { mime, data, width, height };
}

async function encode(input: Buffer, mime: PreparedImage['mime'], width: number, height: number): Promise<Buffer> {
  const pipeline = sharp(input, { animated: false }).resize(width, height, { fit: 'fill' });
  if (mime === 'image/jpeg') return pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
  if (mime === 'image/webp') return pipeline.webp({ quality: 90 }).toBuffer();
  return pipeline.png().toBuffer();
}

export const toDataUri = (img: PreparedImage) => `data:${img.mime};base64,${img.data.toString('base64')}`;

/** "2:1" style text of a ratio, for messages. */
export function ratioText(width: number, height: number): string {
  return width >= height ? `${+(width / height).toFixed(2)}:1` : `1:${+(height / width).toFixed(2)}`;
}
