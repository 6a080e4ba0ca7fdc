import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { MediaError } from './errors.js';
import { makeThumbnail } from './thumbnail.js';

function solid(width: number, height: number, background = '#2060a0') {
  return sharp({ create: { width, height, channels: 3, background } });
}

function isWebp(buf: Buffer): boolean {
  return buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP';
}

describe('makeThumbnail', () => {
  it('fits a landscape image inside 512×512 as WebP', async () => {
    const input = await solid(2000, 1000).png().toBuffer();
    const thumb = await makeThumbnail(input);
    expect(thumb).toMatchObject({ mime: 'image/webp', width: 512, height: 256 });
    expect(isWebp(thumb.data)).toBe(true);
    const meta = await sharp(thumb.data).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 512, height: 256 });
  });

  it('fits a portrait image by its height', async () => {
    const input = await solid(600, 1200).jpeg().toBuffer();
    const thumb = await makeThumbnail(input);
    expect(thumb).toMatchObject({ width: 256, height: 512 });
  });

  it('does not enlarge small images', async () => {
    const input = await solid(100, 40).webp().toBuffer();
    const thumb = await makeThumbnail(input);
    expect(thumb).toMatchObject({ width: 100, height: 40 });
    expect(isWebp(thumb.data)).toBe(true);
  });

  it('honours a custom size', async () => {
    const input = await solid(1000, 500).png().toBuffer();
    const thumb = await makeThumbnail(input, { size: 128 });
    expect(thumb).toMatchObject({ width: 128, height: 64 });
  });

  it('uses the first frame of an animation', async () => {
    const frames = await Promise.all(['#ff0000', '#0000ff'].map((c) => solid(40, 20, c).png().toBuffer()));
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    const thumb = await makeThumbnail(gif);
    expect(thumb).toMatchObject({ width: 40, height: 20 });
    const meta = await sharp(thumb.data).metadata();
    expect(meta.pages ?? 1).toBe(1);
    const { data } = await sharp(thumb.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red, the first frame
    expect(data[2]).toBeLessThan(60);
  });

  it('applies EXIF orientation', async () => {
    const input = await sharp(await solid(80, 40).jpeg().toBuffer()).withMetadata({ orientation: 8 }).jpeg().toBuffer();
    const thumb = await makeThumbnail(input);
    expect(thumb).toMatchObject({ width: 40, height: 80 });
  });

  it('refuses unsupported and corrupt input', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(makeThumbnail(svg)).rejects.toMatchObject({ name: 'MediaError', code: 'UNSUPPORTED_MEDIA_TYPE' });
    const jpeg = await solid(200, 200).jpeg().toBuffer();
    const err = await makeThumbnail(jpeg.subarray(0, jpeg.length >> 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('INVALID_IMAGE');
  });

  it('refuses a nonsensical size', async () => {
    const input = await solid(10, 10).png().toBuffer();
    await expect(makeThumbnail(input, { size: 0 })).rejects.toThrow(RangeError);
    await expect(makeThumbnail(input, { size: 1.5 })).rejects.toThrow(RangeError);
  });
});
