import sharp from 'sharp';
import { sniffImageType } from '../../media/index.js';
import type { EngineImage } from '../engine.js';

/** Decoded-size limit for provider outputs (a 16384×1024 image is 16.7 M pixels). */
const MAX_OUTPUT_PIXELS = 100_000_000;

export class OutputImageError extends Error {}

/** Checks the bytes a provider sent are a PNG, JPEG or WebP image and reads its size. */
export async function readOutputImage(data: Buffer, index: number): Promise<EngineImage> {
  const mime = sniffImageType(data);
  if (mime !== 'image/png' && mime !== 'image/jpeg' && mime !== 'image/webp') {
    throw new OutputImageError('the image it sent is not a PNG, JPEG or WebP file');
  }
  try {
    const meta = await sharp(data, { limitInputPixels: MAX_OUTPUT_PIXELS, failOn: 'error' }).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    return { index, data, mime, width: meta.width, height: meta.height };
  } catch {
    throw new OutputImageError('the image it sent could not be read');
  }
}

/** base64 (optionally as a data: URI) to bytes; undefined when it is not base64 at all. */
export function fromBase64(text: string): Buffer | undefined {
  const body = text.startsWith('data:') ? text.slice(text.indexOf(',') + 1) : text;
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return undefined;
  const buf = Buffer.from(body, 'base64');
  return buf.length > 0 ? buf : undefined;
}
