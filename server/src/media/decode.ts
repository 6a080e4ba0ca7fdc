import { applyOrientation, displayedSize, encodeAs, needsOrientation, open, readMetadata, run } from './codec.js';
import { decodeCost, sharedDecodeBudget } from './decode-budget.js';
import { MediaError } from './errors.js';
import { ACCEPTED_IMAGE_TYPES, ACCEPTED_IMAGE_TYPES_TEXT, sniffImageType, type ImageMime } from './sniff.js';

/** Longest side, in pixels, of an image handed to an engine. */
export const ENGINE_MAX_SIDE = 4096;

export interface EngineImageInput {
  data: Buffer;
  width: number;
  height: number;
  mime: ImageMime;
}

/**
 * Prepares a stored image for an engine: EXIF orientation applied and at most 4096 px on the longest side (larger
 * images are scaled down; the aspect ratio and format are kept; animations keep their frames).
 * An image that already meets both is returned as is, byte for byte.
 *
 * `mime` is what the caller believes the bytes are; it must agree with the bytes (`INVALID_IMAGE` otherwise).
 */
export async function decodeForEngine(buf: Buffer, mime: string): Promise<EngineImageInput> {
  if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(mime)) {
    throw new MediaError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Unsupported image type ${mime}: expected ${ACCEPTED_IMAGE_TYPES_TEXT}.`,
    );
  }
  const actual = sniffImageType(buf);
  if (actual === undefined) {
    throw new MediaError('INVALID_IMAGE', `The data is not a ${ACCEPTED_IMAGE_TYPES_TEXT} image.`);
  }
  if (actual !== mime) {
    throw new MediaError('INVALID_IMAGE', `The image was recorded as ${mime} but its content is ${actual}.`);
  }

  const meta = await readMetadata(buf, { mime: actual });
  const size = displayedSize(meta);
  if (!needsOrientation(meta) && Math.max(size.width, size.height) <= ENGINE_MAX_SIDE) {
    return { data: buf, width: size.width, height: size.height, mime: actual };
  }

  const pipeline = applyOrientation(open(buf, { mime: actual }), meta).resize(ENGINE_MAX_SIDE, ENGINE_MAX_SIDE, {
    fit: 'inside',
    withoutEnlargement: true,
  });
  const out = await sharedDecodeBudget.run(decodeCost(meta), () => run(encodeAs(pipeline, actual)));
  return { data: out.data, width: out.width, height: out.height, mime: actual };
}
