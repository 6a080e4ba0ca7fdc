import zlib from 'node:zlib';
import { malformed } from './malformed.js';

/** PNG metadata surgery without decoding: the signature, then chunks of length (4, BE), type (4), data, CRC-32. */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const XMP_KEYWORD = 'XML:com.adobe.xmp';
/** Metadata chunks the provenance writer replaces or drops: text (XMP lives in iTXt) and EXIF. */
const REPLACED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf']);

interface Chunk {
  type: string;
  bytes: Buffer;
  data: Buffer;
}

function parse(buf: Buffer): Chunk[] {
  if (buf.length < SIGNATURE.length || !buf.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw malformed('PNG', 'bad signature');
  const chunks: Chunk[] = [];
  let offset = SIGNATURE.length;
  while (offset + 12 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > buf.length) throw malformed('PNG', 'a chunk runs past the end of the file');
    const type = buf.toString('latin1', offset + 4, offset + 8);
    chunks.push({ type, bytes: buf.subarray(offset, end), data: buf.subarray(offset + 8, end - 4) });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || !chunks.some((c) => c.type === 'IDAT')) throw malformed('PNG', 'missing IHDR or IDAT');
  return chunks;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A C2PA manifest store travels in a 'caBX' chunk. */
export function pngHasC2pa(buf: Buffer): boolean {
  return parse(buf).some((c) => c.type === 'caBX');
}

export function pngExif(buf: Buffer): Buffer | undefined {
  return parse(buf).find((c) => c.type === 'eXIf')?.data;
}

/**
 * The same PNG with `xmp` as an uncompressed iTXt chunk (keyword XML:com.adobe.xmp, as the XMP specification
 * asks) just before the image data, other text chunks and EXIF removed, every other chunk byte for byte.
 */
export function writePngXmp(buf: Buffer, xmp: Buffer): Buffer {
  const chunks = parse(buf).filter((c) => !REPLACED.has(c.type));
  // keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL, text
  const itxt = chunk('iTXt', Buffer.concat([Buffer.from(XMP_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), xmp]));
  const firstIdat = chunks.findIndex((c) => c.type === 'IDAT');
  return Buffer.concat([
    SIGNATURE,
    ...chunks.slice(0, firstIdat).map((c) => c.bytes),
    itxt,
    ...chunks.slice(firstIdat).map((c) => c.bytes),
  ]);
}
