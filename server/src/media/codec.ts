import sharp, { type FailOnOptions, type Metadata, type Sharp } from 'sharp';

import { decodeFailure } from './errors.js';
import type { ImageMime } from './sniff.js';

/**
 * How strict decoding is. 'error' rejects truncated and corrupt data while still accepting files that only make
 * libvips warn (e.g. stray bytes between JPEG markers, common in camera output).
 */
export const FAIL_ON: FailOnOptions = 'error';

/** GIF and WebP may be animated; every frame is kept when re-encoding those. */
export function mayBeAnimated(mime: ImageMime): boolean {
  return mime === 'image/gif' || mime === 'image/webp';
}

export interface OpenOptions {
  mime: ImageMime;
  /**
   * Pixel limit enforced by libvips from the header, before decoding; with `animated` it covers all frames
   * together. `undefined` keeps sharp's default (268 megapixels).
   */
  limitInputPixels?: number;
  /** Read every frame of an animation (default: yes for GIF/WebP). */
  animated?: boolean;
}

export function open(buf: Buffer, opts: OpenOptions): Sharp {
  return sharp(buf, {
    failOn: FAIL_ON,
    animated: opts.animated ?? mayBeAnimated(opts.mime),
    ...(opts.limitInputPixels === undefined ? {} : { limitInputPixels: opts.limitInputPixels }),
  });
}

/** Reads the header; decode problems come back as MediaError. */
export async function readMetadata(buf: Buffer, opts: OpenOptions): Promise<Metadata> {
  try {
    return await open(buf, { ...opts, animated: false }).metadata();
  } catch (err) {
    throw decodeFailure(err);
  }
}

export function frameCount(meta: Metadata): number {
  return meta.pages !== undefined && meta.pages > 0 ? meta.pages : 1;
}

/**
 * Width and height as displayed: EXIF orientation applied for still images. Orientation is not applied to
 * animations (see `applyOrientation`), so their stored size is their displayed size here.
 */
export function displayedSize(meta: Metadata): { width: number; height: number } {
  if (frameCount(meta) === 1 && meta.autoOrient) return { ...meta.autoOrient };
  return { width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0 };
}

/** True when the EXIF orientation asks for a rotation or flip that we will apply. */
export function needsOrientation(meta: Metadata): boolean {
  return frameCount(meta) === 1 && meta.orientation !== undefined && meta.orientation > 1;
}

/**
 * Applies EXIF orientation to still images. Animated images are left as stored: libvips can only turn
 * multi-frame images by 180°, GIF has no EXIF at all, and animated WebP files carrying an orientation tag are
 * essentially nonexistent.
 */
export function applyOrientation(pipeline: Sharp, meta: Metadata): Sharp {
  return frameCount(meta) === 1 ? pipeline.autoOrient() : pipeline;
}

/** Re-encodes in the given format with the settings Atelier stores images at. Output carries no metadata. */
export function encodeAs(pipeline: Sharp, mime: ImageMime): Sharp {
  switch (mime) {
    case 'image/png':
      return pipeline.png();
    case 'image/jpeg':
      return pipeline.jpeg({ quality: 92 });
    case 'image/webp':
      return pipeline.webp({ quality: 90 });
    case 'image/gif':
      return pipeline.gif();
  }
}

export interface Encoded {
  data: Buffer;
  width: number;
  height: number;
}

/** Runs the pipeline; for animations `height` is the height of one frame. */
export async function run(pipeline: Sharp): Promise<Encoded> {
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (err) {
    throw decodeFailure(err);
  }
}
