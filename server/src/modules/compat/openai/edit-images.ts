import sharp from 'sharp';
import { ENGINE_MAX_SIDE } from '../../../media/index.js';
import { invalid } from '../../../http/errors.js';

/** Reads an image the request sent; a file that is not one is the client's error, named by its field. */
async function opened(data: Buffer, field: 'image' | 'mask') {
  try {
    const meta = await sharp(data).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    return meta;
  } catch {
    throw invalid(`The ${field} is not an image Atelier can read: send a PNG, JPEG or WebP file.`, field);
  }
}

export async function sizeOf(data: Buffer): Promise<{ width: number; height: number }> {
  const { width, height } = await opened(data, 'image');
  return { width: width!, height: height! };
}

/** `size` (WxH) of a one-image edit: the image is fitted to it (cropped to cover, centred) before it is edited. */
export async function fittedTo(data: Buffer, size: string): Promise<Buffer> {
  const [width, height] = size.split('x').map(Number) as [number, number];
  if (Math.max(width, height) > ENGINE_MAX_SIDE || Math.min(width, height) < 16) {
    throw invalid(`size must be from 16 to ${ENGINE_MAX_SIDE} pixels a side.`, 'size');
  }
  const { width: w, height: h } = await sizeOf(data);
  if (w === width && h === height) return data;
  return sharp(data).rotate().resize(width, height, { fit: 'cover', position: 'centre' }).png().toBuffer();
}

/**
 * OpenAI's mask (a PNG whose fully transparent pixels mark what to change, the size of the image) as Atelier's
 * inpainting mask: white where the image is to be repainted, black elsewhere.
 */
export async function inpaintMask(mask: Buffer, image: { width: number; height: number }): Promise<Buffer> {
  const meta = await opened(mask, 'mask');
  if (!meta.hasAlpha) throw invalid('The mask must be a PNG with transparency: its transparent area marks what to change.', 'mask');
  if (meta.width !== image.width || meta.height !== image.height) {
    throw invalid(`The mask (${meta.width}×${meta.height}) must be the size of the image (${image.width}×${image.height}).`, 'mask');
  }
  // Transparent (alpha 0) becomes white; anything opaque at all stays as it is, black.
  return sharp(mask).extractChannel('alpha').threshold(1).negate().png().toBuffer();
}
