import { applyOrientation, encodeAs, frameCount, open, readMetadata, run } from './codec.js';
import { decodeCost, sharedDecodeBudget, type DecodeBudget } from './decode-budget.js';
import { MediaError } from './errors.js';
import { ACCEPTED_IMAGE_TYPES_TEXT, sniffImageType, type ImageMime } from './sniff.js';

export interface IngestedImage {
  /** The re-encoded image: same format as uploaded, orientation applied, metadata stripped. */
  data: Buffer;
  mime: ImageMime;
  /** Displayed size; for animations the size of one frame. */
  width: number;
  height: number;
}

export interface IngestOptions {
  /**
   * Most pixels the upload may decode to. For animations the limit covers all frames together, so a GIF of
   * thousands of frames cannot get around it.
   */
  maxInputPixels: number;
  /** Bounds the memory of concurrent decodes (default: the process's shared budget). */
  budget?: DecodeBudget;
}

/**
 * Turns untrusted upload bytes into an image Atelier will store.
 *
 * - The type is taken from the magic bytes only; anything but PNG/JPEG/WebP/GIF is `UNSUPPORTED_MEDIA_TYPE`.
 * - Images over `maxInputPixels` are `IMAGE_TOO_LARGE`, checked from the header before any pixel is decoded
 *   (so a small file declaring 30000×30000 costs nothing).
 * - Corrupt or truncated data is `INVALID_IMAGE`.
 * - The decode waits for room in a memory budget (decode-budget.ts), so concurrent uploads cannot exhaust memory.
 * - EXIF orientation is applied, so `width`/`height` are the displayed ones and the output needs no tag.
 * - All metadata is dropped: EXIF (GPS included), XMP, IPTC, comments. Pixels are converted to sRGB and no ICC
 *   profile is attached.
 * - The image is re-encoded in its own format: PNG lossless, JPEG quality 92, WebP quality 90, GIF with every
 *   frame, frame delays and loop count kept. Animated WebP keeps its frames too. An animated PNG (APNG) keeps only
 *   its first frame, since libvips reads APNG as a still PNG.
 */
export async function ingestUpload(buf: Buffer, opts: IngestOptions): Promise<IngestedImage> {
  const { maxInputPixels } = opts;
  if (!Number.isSafeInteger(maxInputPixels) || maxInputPixels <= 0) {
    throw new RangeError(`maxInputPixels must be a positive integer, got ${String(maxInputPixels)}`);
  }

  const mime = sniffImageType(buf);
  if (mime === undefined) {
    throw new MediaError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Unsupported file type: upload a ${ACCEPTED_IMAGE_TYPES_TEXT} image.`,
    );
  }

  const limitText = `the limit is ${maxInputPixels.toLocaleString('en-US')} pixels`;
  try {
    const meta = await readMetadata(buf, { mime, limitInputPixels: maxInputPixels });
    const frames = frameCount(meta);
    const totalPixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * frames;
    if (totalPixels > maxInputPixels) {
      const pixels = `${totalPixels.toLocaleString('en-US')} pixels`;
      const what = frames > 1 ? `${pixels} over ${frames} frames` : pixels;
      throw new MediaError('IMAGE_TOO_LARGE', `The image is too large (${what}); ${limitText}.`);
    }

    const pipeline = open(buf, { mime, limitInputPixels: maxInputPixels });
    const out = await (opts.budget ?? sharedDecodeBudget).run(decodeCost(meta), () => run(encodeAs(applyOrientation(pipeline, meta), mime)));
    return { data: out.data, mime, width: out.width, height: out.height };
  } catch (err) {
    // libvips refuses over-limit frames before we see their size; say what the limit is.
    if (err instanceof MediaError && err.code === 'IMAGE_TOO_LARGE' && err.cause !== undefined && !err.message.includes(limitText)) {
      throw new MediaError('IMAGE_TOO_LARGE', `The image is too large; ${limitText}.`, { cause: err });
    }
    throw err;
  }
}
