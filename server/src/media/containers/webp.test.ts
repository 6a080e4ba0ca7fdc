import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noisy as noise } from '../../test-support/factories.js';
import { webpExif, writeWebpXmp } from './webp.js';

const ODD_XMP = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><new>odd</new></x:xmpmeta>!', 'utf8');
// Odd sizes: the canvas size written into a new VP8X chunk is checked.
const noisy = (channels: 3 | 4) => noise(41, 23, { channels });
const pixels = (b: Buffer) => sharp(b).raw().toBuffer();

describe('writeWebpXmp', () => {
  it('turns a simple lossy file into the extended format with the canvas size and an XMP chunk', async () => {
    const input = await noisy(3).webp({ quality: 80 }).toBuffer();
    expect(input.toString('latin1', 12, 16)).toBe('VP8 ');
    expect(ODD_XMP.length % 2).toBe(1);
    const out = writeWebpXmp(input, ODD_XMP);
    expect(out.toString('latin1', 12, 16)).toBe('VP8X');
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ width: 41, height: 23 });
    expect(meta.xmp).toEqual(ODD_XMP);
    expect((await pixels(out)).equals(await pixels(input))).toBe(true);
  });

  it('keeps the alpha channel of a simple lossless file', async () => {
    const input = await noisy(4).webp({ lossless: true }).toBuffer();
    expect(input.toString('latin1', 12, 16)).toBe('VP8L');
    const out = writeWebpXmp(input, ODD_XMP);
    const meta = await sharp(out).metadata();
    expect(meta.hasAlpha).toBe(true);
    expect(meta.xmp).toEqual(ODD_XMP);
    expect((await pixels(out)).equals(await pixels(input))).toBe(true);
  });

  it('replaces the XMP of an extended file and removes its EXIF', async () => {
    const input = await noisy(3)
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><old>previous</old></x:xmpmeta>')
      .withExif({ IFD0: { Make: 'EngineCo' } })
      .webp()
      .toBuffer();
    expect(webpExif(input)).toBeDefined();
    const out = writeWebpXmp(input, ODD_XMP);
    const meta = await sharp(out).metadata();
    expect(meta.xmp).toEqual(ODD_XMP);
    expect(meta.exif).toBeUndefined();
    expect(out[20]! & 0x08).toBe(0); // VP8X no longer announces EXIF
    expect(out.includes(Buffer.from('previous'))).toBe(false);
  });

  it('refuses a file that is not a whole WebP', async () => {
    const input = await noisy(3).webp().toBuffer();
    expect(() => writeWebpXmp(Buffer.from('RIFF\0\0\0\0WAVE'), ODD_XMP)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
    const cut = Buffer.from(input.subarray(0, 30));
    expect(() => writeWebpXmp(cut, ODD_XMP)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
  });
});
