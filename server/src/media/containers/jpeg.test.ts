import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noisy } from '../../test-support/factories.js';
import { jpegExif, writeJpegXmp } from './jpeg.js';

const XMP = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><new>packet</new></x:xmpmeta>', 'utf8');
/** A JFIF APP0 segment (version 1.1, no thumbnail); sharp writes none of its own. */
const JFIF = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const startOfScan = (buf: Buffer) => buf.indexOf(Buffer.from([0xff, 0xda]));

describe('writeJpegXmp', () => {
  it('puts the packet in an APP1 segment after the JFIF header and copies the image data byte for byte', async () => {
    const encoded = await noisy().jpeg({ quality: 80 }).toBuffer();
    const input = Buffer.concat([encoded.subarray(0, 2), JFIF, encoded.subarray(2)]);
    const out = writeJpegXmp(input, XMP);
    expect(out.subarray(2, 2 + JFIF.length)).toEqual(JFIF); // JFIF must stay first
    expect(out.subarray(2 + JFIF.length, 4 + JFIF.length)).toEqual(Buffer.from([0xff, 0xe1]));
    expect((await sharp(out).metadata()).xmp).toEqual(XMP);
    expect(out.subarray(startOfScan(out)).equals(input.subarray(startOfScan(input)))).toBe(true);
    expect((await sharp(out).raw().toBuffer()).equals(await sharp(input).raw().toBuffer())).toBe(true);
  });

  it('replaces an earlier XMP packet, removes EXIF and keeps the ICC profile', async () => {
    const input = await noisy()
      .withIccProfile('p3')
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><old>previous</old></x:xmpmeta>')
      .withExif({ IFD0: { Make: 'EngineCo' } })
      .jpeg()
      .toBuffer();
    expect(jpegExif(input)).toBeDefined();
    const out = writeJpegXmp(input, XMP);
    const meta = await sharp(out).metadata();
    expect(meta.xmp).toEqual(XMP);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeDefined();
    expect(jpegExif(out)).toBeUndefined();
  });

  it('refuses a file that is not a whole JPEG', async () => {
    const input = await noisy().jpeg().toBuffer();
    expect(() => writeJpegXmp(input.subarray(0, 30), XMP)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
    expect(() => writeJpegXmp(Buffer.from('not a jpeg'), XMP)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
  });
});
