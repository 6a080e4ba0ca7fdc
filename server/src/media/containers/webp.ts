import { malformed } from './malformed.js';

/**
 * WebP metadata surgery without decoding: 'RIFF', size (LE), 'WEBP', then chunks of fourcc, size (LE), data and a
 * pad byte when the size is odd. Metadata needs the extended format: a VP8X chunk first whose flags announce it.
 */

const FLAG_ALPHA = 0x10;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

interface Chunk {
  fourcc: string;
  data: Buffer;
}

function parse(buf: Buffer): Chunk[] {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WEBP') {
    throw malformed('WebP', 'bad RIFF header');
  }
  const end = Math.min(buf.length, 8 + buf.readUInt32LE(4));
  const chunks: Chunk[] = [];
  let offset = 12;
  while (offset + 8 <= end) {
    const size = buf.readUInt32LE(offset + 4);
    if (offset + 8 + size > end) throw malformed('WebP', 'a chunk runs past the end of the file');
    chunks.push({ fourcc: buf.toString('latin1', offset, offset + 4), data: buf.subarray(offset + 8, offset + 8 + size) });
    offset += 8 + size + (size % 2);
  }
  if (chunks.length === 0) throw malformed('WebP', 'no image data');
  return chunks;
}

function encodeChunk(fourcc: string, data: Buffer): Buffer[] {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return data.length % 2 === 1 ? [header, data, Buffer.alloc(1)] : [header, data];
}

/** A VP8X chunk for a simple-format file (one VP8 or VP8L bitstream), with the canvas size read from it. */
function vp8xFor(image: Chunk): Chunk {
  let width: number;
  let height: number;
  let alpha = false;
  const d = image.data;
  if (image.fourcc === 'VP8 ' && d.length >= 10 && d[3] === 0x9d && d[4] === 0x01 && d[5] === 0x2a) {
    width = d.readUInt16LE(6) & 0x3fff;
    height = d.readUInt16LE(8) & 0x3fff;
  } else if (image.fourcc === 'VP8L' && d.length >= 5 && d[0] === 0x2f) {
    const bits = d.readUInt32LE(1);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
    alpha = ((bits >>> 28) & 1) === 1;
  } else {
    throw malformed('WebP', `unexpected ${image.fourcc.trim()} bitstream header`);
  }
  const data = Buffer.alloc(10);
  data[0] = alpha ? FLAG_ALPHA : 0;
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return { fourcc: 'VP8X', data };
}

/** A C2PA manifest store travels in a 'C2PA' chunk. */
export function webpHasC2pa(buf: Buffer): boolean {
  return webpC2pa(buf) !== undefined;
}

/** The manifest store (JUMBF) of the 'C2PA' chunk, if any. */
export function webpC2pa(buf: Buffer): Buffer | undefined {
  return parse(buf).find((c) => c.fourcc === 'C2PA')?.data;
}

export function webpExif(buf: Buffer): Buffer | undefined {
  const exif = parse(buf).find((c) => c.fourcc === 'EXIF')?.data;
  // Some writers keep the JPEG-style "Exif\0\0" prefix in front of the TIFF structure.
  return exif && exif.toString('latin1', 0, 6) === 'Exif\0\0' ? exif.subarray(6) : exif;
}

/**
 * The same WebP with `xmp` as its 'XMP ' chunk (at the end, where the container specification puts it) and the
 * VP8X XMP flag set; EXIF is removed. A simple-format file is turned into the extended format (a VP8X chunk is
 * added); the image bitstreams are copied byte for byte.
 */
export function writeWebpXmp(buf: Buffer, xmp: Buffer): Buffer {
  const chunks = parse(buf);
  const first = chunks[0]!;
  const vp8x = first.fourcc === 'VP8X' ? { fourcc: 'VP8X', data: Buffer.from(first.data) } : vp8xFor(first);
  if (vp8x.data.length < 10) throw malformed('WebP', 'VP8X chunk too short');
  vp8x.data[0] = (vp8x.data[0]! | FLAG_XMP) & ~FLAG_EXIF;
  const rest = (first.fourcc === 'VP8X' ? chunks.slice(1) : chunks).filter((c) => c.fourcc !== 'EXIF' && c.fourcc !== 'XMP ');
  const body = [vp8x, ...rest, { fourcc: 'XMP ', data: xmp }].flatMap((c) => encodeChunk(c.fourcc, c.data));
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.reduce((n, b) => n + b.length, 0), 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, ...body]);
}
