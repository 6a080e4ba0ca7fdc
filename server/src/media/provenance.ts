import sharp, { type Sharp } from 'sharp';

import { FAIL_ON, readMetadata } from './codec.js';
import { decodeFailure, MediaError } from './errors.js';
import { sniffImageType, type ImageMime } from './sniff.js';
import { exifOrientation } from './containers/exif-orientation.js';
import { jpegExif, jpegHasC2pa, writeJpegXmp } from './containers/jpeg.js';
import { pngExif, pngHasC2pa, writePngXmp } from './containers/png.js';
import { webpExif, webpHasC2pa, writeWebpXmp } from './containers/webp.js';
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

const EXIF_OF: Record<ProvenanceMime, (buf: Buffer) => Buffer | undefined> = {
  'image/jpeg': jpegExif,
  'image/png': pngExif,
  'image/webp': webpExif,
};

const HAS_C2PA: Record<ProvenanceMime, (buf: Buffer) => boolean> = {
  'image/jpeg': jpegHasC2pa,
  'image/png': pngHasC2pa,
  'image/webp': webpHasC2pa,
};

/**
 * Whether the image carries a C2PA manifest store (Content Credentials). Its signature binds the file's bytes, so
 * such an image must be stored as it came: rewriting its XMP would break the manifest.
 */
export function hasContentCredentials(buf: Buffer, mime: string): boolean {
  return PROVENANCE_TYPES.includes(mime) && sniffImageType(buf) === mime && HAS_C2PA[mime as ProvenanceMime](buf);
}

const WRITE_XMP: Record<ProvenanceMime, (buf: Buffer, xmp: Buffer) => Buffer> = {
  'image/jpeg': writeJpegXmp,
  'image/png': writePngXmp,
  'image/webp': writeWebpXmp,
};

/**
 * Writes Atelier's provenance XMP (see xmp.ts) into a generated PNG, JPEG or WebP, replacing any XMP it had.
 * Other metadata (EXIF, IPTC, text chunks, JPEG comments) is dropped; the ICC profile is kept.
 *
 * The packet is written straight into the container (JPEG APP1 segment, PNG iTXt chunk, WebP 'XMP ' chunk): the
 * image data is copied byte for byte, so every format stays lossless and it costs microseconds.
 * Only an image whose EXIF asks for a rotation (an engine never writes one, an uploaded photo might) is re-encoded
 * with sharp, because dropping that EXIF would turn the picture: its pixels are rotated instead.
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
  const type = actual as ProvenanceMime;
  const xmp = buildProvenanceXmp(opts);
  const exif = EXIF_OF[type](buf);
  const orientation = exif === undefined ? undefined : exifOrientation(exif);
  if (orientation !== undefined && orientation > 1) return reencodeUpright(buf, type, xmp);
  return WRITE_XMP[type](buf, Buffer.from(xmp, 'utf8'));
}

/**
 * The rare path: applies the EXIF orientation to the pixels and attaches the XMP while encoding. PNG and lossless
 * WebP stay lossless; JPEG and lossy WebP are re-encoded at quality 95.
 */
async function reencodeUpright(buf: Buffer, type: ProvenanceMime, xmp: string): Promise<Buffer> {
  const meta = await readMetadata(buf, { mime: type });
  let pipeline: Sharp = sharp(buf, { failOn: FAIL_ON, animated: type === 'image/webp' })
    .keepIccProfile()
    .withXmp(xmp)
    .autoOrient();
  switch (type) {
    case 'image/png':
      if (meta.depth === 'ushort') {
        // sharp writes 8-bit PNG unless the pipeline stays in a 16-bit colourspace.
        pipeline = pipeline.toColourspace(meta.channels !== undefined && meta.channels <= 2 ? 'grey16' : 'rgb16');
      }
      pipeline = pipeline.png();
      break;
    case 'image/jpeg':
      pipeline = pipeline.jpeg({ quality: 95, chromaSubsampling: meta.chromaSubsampling === '4:4:4' ? '4:4:4' : '4:2:0' });
      break;
    case 'image/webp':
      pipeline = isLosslessWebp(buf) ? pipeline.webp({ lossless: true }) : pipeline.webp({ quality: 95 });
      break;
  }
  try {
    return await pipeline.toBuffer();
  } catch (err) {
    throw decodeFailure(err);
  }
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
