import { malformed } from './malformed.js';

/**
 * JPEG metadata surgery without decoding: the file is SOI, then marker segments (FF xx, 2-byte big-endian length
 * that counts itself), then the entropy-coded scan from SOS on, which is copied untouched.
 */

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP11 = 0xeb;
const APP13 = 0xed;
const COM = 0xfe;

const XMP_SIGNATURE = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const XMP_EXTENSION_SIGNATURE = Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1');
const EXIF_SIGNATURE = Buffer.from('Exif\0\0', 'latin1');
/** A segment's length field counts itself (2 bytes) and is 16 bits. */
const MAX_SEGMENT_PAYLOAD = 0xffff - 2;

interface Segment {
  marker: number;
  /** The whole segment, marker included. */
  bytes: Buffer;
  /** What follows the length field. */
  payload: Buffer;
}

function parse(buf: Buffer): { segments: Segment[]; scan: Buffer } {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== SOI) throw malformed('JPEG', 'no start-of-image marker');
  const segments: Segment[] = [];
  let offset = 2;
  while (offset < buf.length) {
    if (buf[offset] !== 0xff) throw malformed('JPEG', `no marker at byte ${offset}`);
    const marker = buf[offset + 1];
    if (marker === undefined) break;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === SOS || marker === EOI) return { segments, scan: buf.subarray(offset) };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      segments.push({ marker, bytes: buf.subarray(offset, offset + 2), payload: Buffer.alloc(0) });
      offset += 2;
      continue;
    }
    if (offset + 4 > buf.length) break;
    const length = buf.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > buf.length) throw malformed('JPEG', `a segment runs past the end of the file`);
    segments.push({ marker, bytes: buf.subarray(offset, end), payload: buf.subarray(offset + 4, end) });
    offset = end;
  }
  throw malformed('JPEG', 'the file ends before the image data');
}

const startsWith = (payload: Buffer, signature: Buffer) =>
  payload.length >= signature.length && payload.subarray(0, signature.length).equals(signature);

/** Metadata the provenance writer replaces or drops: EXIF, XMP (standard and extended), IPTC/Photoshop, comments. */
function isReplacedMetadata(s: Segment): boolean {
  if (s.marker === APP1) {
    return startsWith(s.payload, EXIF_SIGNATURE) || startsWith(s.payload, XMP_SIGNATURE) || startsWith(s.payload, XMP_EXTENSION_SIGNATURE);
  }
  return s.marker === APP13 || s.marker === COM;
}

/** JUMBF boxes ride in APP11 segments ('JP' common identifier); a C2PA manifest store is one labelled 'c2pa'. */
export function jpegHasC2pa(buf: Buffer): boolean {
  return parse(buf).segments.some((s) => s.marker === APP11 && s.payload[0] === 0x4a && s.payload[1] === 0x50 && s.payload.includes('c2pa', 0, 'latin1'));
}

/** The TIFF structure of the first EXIF segment, if any. */
export function jpegExif(buf: Buffer): Buffer | undefined {
  const exif = parse(buf).segments.find((s) => s.marker === APP1 && startsWith(s.payload, EXIF_SIGNATURE));
  return exif?.payload.subarray(EXIF_SIGNATURE.length);
}

/**
 * The same JPEG with `xmp` as its only XMP packet (an APP1 segment right after SOI and any JFIF APP0), EXIF,
 * IPTC and comments removed, and everything else (ICC profile, Adobe marker, tables, scan data) byte for byte.
 */
export function writeJpegXmp(buf: Buffer, xmp: Buffer): Buffer {
  if (XMP_SIGNATURE.length + xmp.length > MAX_SEGMENT_PAYLOAD) {
    throw new RangeError(`An XMP packet of ${xmp.length} bytes does not fit in one JPEG segment`);
  }
  const { segments, scan } = parse(buf);
  const kept = segments.filter((s) => !isReplacedMetadata(s));
  const leadingApp0 = kept.findIndex((s) => s.marker !== APP0);
  const split = leadingApp0 === -1 ? kept.length : leadingApp0;
  const header = Buffer.alloc(4);
  header[0] = 0xff;
  header[1] = APP1;
  header.writeUInt16BE(2 + XMP_SIGNATURE.length + xmp.length, 2);
  return Buffer.concat([
    buf.subarray(0, 2),
    ...kept.slice(0, split).map((s) => s.bytes),
    header,
    XMP_SIGNATURE,
    xmp,
    ...kept.slice(split).map((s) => s.bytes),
    scan,
  ]);
}
