import sharp from 'sharp';

import { FAIL_ON } from './codec.js';
import { decodeCost, sharedDecodeBudget } from './decode-budget.js';
import { decodeFailure, MediaError } from './errors.js';
import { ACCEPTED_IMAGE_TYPES_TEXT, sniffImageType } from './sniff.js';

export const DEFAULT_THUMBNAIL_SIZE = 512;

export interface Thumbnail {
  data: Buffer;
  width: number;
  height: number;
  mime: 'image/webp';
}

/**
 * A WebP (quality 78) preview that fits inside `size`×`size` (default 512) keeping the aspect ratio. Smaller images
 * are not enlarged. Animations are represented by their first frame; EXIF orientation is applied.
 * Only PNG/JPEG/WebP/GIF are decoded (other formats are `UNSUPPORTED_MEDIA_TYPE`), corrupt data is `INVALID_IMAGE`.
 */
export async function makeThumbnail(buf: Buffer, opts: { size?: number } = {}): Promise<Thumbnail> {
  const size = opts.size ?? DEFAULT_THUMBNAIL_SIZE;
  if (!Number.isSafeInteger(size) || size <= 0) {
    throw new RangeError(`Thumbnail size must be a positive integer, got ${String(size)}`);
  }
  if (sniffImageType(buf) === undefined) {
    throw new MediaError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Cannot make a thumbnail: not a ${ACCEPTED_IMAGE_TYPES_TEXT} image.`,
    );
  }
  try {
    const meta = await sharp(buf, { failOn: FAIL_ON, animated: false }).metadata();
    const { data, info } = await sharedDecodeBudget.run(decodeCost({ ...meta, pages: 1 }), () => sharp(buf, { failOn: FAIL_ON, animated: false })
      .autoOrient()
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer({ resolveWithObject: true }));
    return { data, width: info.width, height: info.height, mime: 'image/webp' };
  } catch (err) {
    throw decodeFailure(err);
  }
}
