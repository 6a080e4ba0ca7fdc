import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { decodeForEngine } from './decode.js';

function solid(width: number, height: number, background = '#808000') {
  return sharp({ create: { width, height, channels: 3, background } });
}

describe('decodeForEngine', () => {
  it('hands back a small upright image untouched', async () => {
    const input = await solid(300, 200).png().toBuffer();
    const out = await decodeForEngine(input, 'image/png');
    expect(out).toMatchObject({ mime: 'image/png', width: 300, height: 200 });
    expect(out.data.equals(input)).toBe(true);
  });

  it('downscales a long image to 4096 on its longest side, keeping format and aspect', async () => {
    const input = await solid(5000, 1000).jpeg().toBuffer();
    const out = await decodeForEngine(input, 'image/jpeg');
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 4096 });
    expect(Math.abs(out.height - 819)).toBeLessThanOrEqual(1);
    const meta = await sharp(out.data).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: out.width, height: out.height });
  });

  it('applies orientation before measuring the longest side', async () => {
    const upright = await solid(5000, 1000).jpeg().toBuffer();
    const input = await sharp(upright).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const out = await decodeForEngine(input, 'image/jpeg');
    expect(out.height).toBe(4096);
    expect(Math.abs(out.width - 819)).toBeLessThanOrEqual(1);
    const meta = await sharp(out.data).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.height).toBe(4096);
  });

  it('applies orientation to a small image too', async () => {
    const input = await sharp(await solid(60, 20).jpeg().toBuffer()).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const out = await decodeForEngine(input, 'image/jpeg');
    expect(out).toMatchObject({ width: 20, height: 60 });
    expect((await sharp(out.data).metadata()).orientation).toBeUndefined();
  });

  it('keeps WebP as WebP when downscaling', async () => {
    const input = await solid(4200, 300).webp().toBuffer();
    const out = await decodeForEngine(input, 'image/webp');
    expect(out).toMatchObject({ mime: 'image/webp', width: 4096 });
    expect(Math.abs(out.height - 293)).toBeLessThanOrEqual(1);
    expect((await sharp(out.data).metadata()).format).toBe('webp');
  });

  it('refuses a mime that disagrees with the bytes, and unsupported types', async () => {
    const png = await solid(10, 10).png().toBuffer();
    await expect(decodeForEngine(png, 'image/jpeg')).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(decodeForEngine(png, 'image/svg+xml')).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(decodeForEngine(Buffer.from('text'), 'image/png')).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
  });
});
