/** The raster formats Atelier accepts, identified by their content. */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export const ACCEPTED_IMAGE_TYPES: readonly ImageMime[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** Human wording of the accepted types, for error messages. */
export const ACCEPTED_IMAGE_TYPES_TEXT = 'PNG, JPEG, WebP or GIF';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(buf: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    if (buf[offset + i] !== bytes[i]) return false;
  }
  return true;
}

function ascii(buf: Buffer, start: number, end: number): string {
  return buf.length >= end ? buf.toString('latin1', start, end) : '';
}

/**
 * Identifies PNG, JPEG, WebP and GIF from their magic bytes alone; anything else (SVG, HEIC, AVIF, BMP, TIFF, text,
 * empty input) is `undefined`. File names and declared content types are never consulted.
 * Passing the sniff does not mean the file decodes: that is for the decoder to find out.
 */
export function sniffImageType(buf: Buffer): ImageMime | undefined {
  if (startsWith(buf, PNG_SIGNATURE)) return 'image/png';
  // SOI followed by the first marker's 0xFF.
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  const gif = ascii(buf, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'image/gif';
  // RIFF container, form type WEBP, first chunk one of the three WebP bitstream layouts.
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') {
    const first = ascii(buf, 12, 16);
    if (first === 'VP8 ' || first === 'VP8L' || first === 'VP8X') return 'image/webp';
  }
  return undefined;
}
