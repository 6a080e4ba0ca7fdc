import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noisy as noise } from '../../test-support/factories.js';
import { pngExif, writePngXmp } from './png.js';

const noisy = () => noise(40, 24, { channels: 4 });

const XMP = Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><new>packet é</new></x:xmpmeta>', 'utf8');

function chunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 8; offset + 8 <= png.length; offset += 12 + png.readUInt32BE(offset)) types.push(png.toString('latin1', offset + 4, offset + 8));
  return types;
}

describe('writePngXmp', () => {
  it('adds an iTXt chunk before the image data that other readers accept, pixels untouched', async () => {
    const input = await noisy().png().toBuffer();
    const out = writePngXmp(input, XMP);
    const types = chunkTypes(out);
    expect(types.indexOf('iTXt')).toBeLessThan(types.indexOf('IDAT'));
    expect(out.includes(Buffer.from('XML:com.adobe.xmp\0', 'latin1'))).toBe(true);
    expect((await sharp(out).metadata()).xmp).toEqual(XMP);
    expect((await sharp(out).raw().toBuffer()).equals(await sharp(input).raw().toBuffer())).toBe(true);
  });

  it('replaces an earlier XMP packet and drops EXIF, keeping one packet only', async () => {
    const input = await noisy()
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><old>previous</old></x:xmpmeta>')
      .withExif({ IFD0: { Make: 'EngineCo' } })
      .png()
      .toBuffer();
    const out = writePngXmp(input, XMP);
    expect(chunkTypes(out).filter((t) => t === 'iTXt')).toHaveLength(1);
    expect((await sharp(out).metadata()).xmp).toEqual(XMP);
    expect(pngExif(out)).toBeUndefined();
    expect(out.includes(Buffer.from('previous'))).toBe(false);
  });

  it('refuses a file that is not a whole PNG', async () => {
    const input = await noisy().png().toBuffer();
    expect(() => writePngXmp(input.subarray(0, 40), XMP)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
  });
});
