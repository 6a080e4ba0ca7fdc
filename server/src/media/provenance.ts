import sharp, { type Sharp } from 'sharp';

import { FAIL_ON, readMetadata } from './codec.js';
import { decodeFailure, MediaError } from './errors.js';
import { sniffImageType, type ImageMime } from './sniff.js';
import { buildProvenanceXmp, parseProvenanceXmp, type ProvenanceFields, type ProvenanceXmpInput } from './xmp.js';

export type ProvenanceMime = 'image/png' | 'image/jpeg' | 'image/webp';
export type Provenance = ProvenanceFields;
export type ProvenanceOptions = ProvenanceXmpInput;

const PROVENANCE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];

/** Whether a WebP file is lossless (its bitstream is VP8L), walking the RIFF chunks at the top level. */
function isLosslessWebp(buf: Buffer): boolean {
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const fourcc = buf.toString('latin1', offset, offset + 4);
    if (fourcc === 'VP8L') return true;
    if (fourcc === 'VP8 ') return false;
    const size = buf.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return false;
}

/**
 * Writes Atelier's provenance XMP (see xmp.ts) into a generated PNG, JPEG or WebP, replacing any XMP it had.
 * Other metadata (EXIF, IPTC, text chunks) is dropped; the ICC profile is kept without converting the pixels.
 *
 * sharp can only attach XMP while encoding, so the image is re-encoded:
 * - PNG is lossless, 16-bit depth kept: the pixels are unchanged.
 * - Lossless WebP is re-encoded losslessly: the pixels are unchanged.
 * - JPEG and lossy WebP are re-encoded at quality 95 (JPEG keeps 4:4:4 chroma when the input had it): a small,
 *   visually negligible generation loss.
 * An EXIF orientation, if an engine ever wrote one, is applied to the pixels since the EXIF itself is dropped.
 *
 * `prompt` ends up in dc:description only when given; callers pass it only when the user allows it.
 */
export async function embedProvenance(buf: Buffer, mime: string, opts: ProvenanceOptions): Promise<Buffer> {
  if (!PROVENANCE_TYPES.includes(mime)) {
    throw new MediaError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Provenance can be written into PNG, JPEG or WebP images, not ${mime}.`,
    );
  }
  const actual = sniffImageType(buf);
  if (actual !== mime) {
    throw new MediaError(
      'INVALID_IMAGE',
      `The image was declared as ${mime} but its content is ${actual ?? 'not an image'}.`,
    );
  }
  const xmp = buildProvenanceXmp(opts);
  const meta = await readMetadata(buf, { mime: actual });

  let pipeline: Sharp = sharp(buf, { failOn: FAIL_ON, animated: actual === 'image/webp' })
    .keepIccProfile()
    .withXmp(xmp);
  if (meta.orientation !== undefined && meta.orientation > 1) pipeline = pipeline.autoOrient();

  switch (actual as ProvenanceMime) {
    case 'image/png':
      if (meta.depth === 'ushort') {
        // sharp writes 8-bit PNG unless the pipeline stays in a 16-bit colourspace.
        pipeline = pipeline.toColourspace(meta.channels !== undefined && meta.channels <= 2 ? 'grey16' : 'rgb16');
      }
      pipeline = pipeline.png();
      break;
    case 'image/jpeg':
      pipeline = pipeline.jpeg({
        quality: 95,
        chromaSubsampling: meta.chromaSubsampling === '4:4:4' ? '4:4:4' : '4:2:0',
      });
      break;
    case 'image/webp':
      pipeline = isLosslessWebp(buf) ? pipeline.webp({ lossless: true }) : pipeline.webp({ quality: 95 });
      break;
  }

  let out: Buffer;
  try {
    out = await pipeline.toBuffer();
  } catch (err) {
    throw decodeFailure(err);
  }
  // libvips drops XMP it cannot fit rather than failing; make sure the packet really went in.
  const check = await readMetadata(out, { mime: actual });
  if (check.xmp === undefined || check.xmp.length === 0) {
    throw new Error('Provenance XMP was not written into the image');
  }
  return out;
}

/**
 * The provenance fields found in an image's XMP (`{}` when it has none). Throws `UNSUPPORTED_MEDIA_TYPE` for
 * non-PNG/JPEG/WebP/GIF data and `INVALID_IMAGE` when the header cannot be read.
 */
export async function readProvenance(buf: Buffer): Promise<Provenance> {
  const mime: ImageMime | undefined = sniffImageType(buf);
  if (mime === undefined) {
    throw new MediaError('UNSUPPORTED_MEDIA_TYPE', 'Provenance can only be read from PNG, JPEG, WebP or GIF images.');
  }
  const meta = await readMetadata(buf, { mime });
  if (meta.xmp === undefined || meta.xmp.length === 0) return {};
  return parseProvenanceXmp(meta.xmp.toString('utf8'));
}
