import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { bombPng, noisy as noise, pngChunk, solid } from '../test-support/factories.js';
import { MediaError } from './errors.js';
import { ingestUpload } from './ingest.js';

const LIMIT = { maxInputPixels: 50_000_000 };

const noisy = (width: number, height: number) => noise(width, height, { sigma: 40 });

async function animatedGif(frames: string[], width = 12, height = 8): Promise<Buffer> {
  const pngs = await Promise.all(frames.map((c) => solid(width, height, c).png().toBuffer()));
  return sharp(pngs, { join: { animated: true } })
    .gif({ loop: 3, delay: frames.map(() => 120) })
    .toBuffer();
}


async function expectMediaError(promise: Promise<unknown>, code: string): Promise<MediaError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  expect((err as MediaError).code).toBe(code);
  return err as MediaError;
}

describe('ingestUpload', () => {
  it.each([
    ['image/png', (s: sharp.Sharp) => s.png()],
    ['image/jpeg', (s: sharp.Sharp) => s.jpeg()],
    ['image/webp', (s: sharp.Sharp) => s.webp()],
    ['image/gif', (s: sharp.Sharp) => s.gif()],
  ] as const)('keeps a %s a %s of the same size', async (mime, encode) => {
    const input = await encode(solid(40, 30)).toBuffer();
    const out = await ingestUpload(input, LIMIT);
    expect(out.mime).toBe(mime);
    expect(out).toMatchObject({ width: 40, height: 30 });
    const meta = await sharp(out.data).metadata();
    expect(`image/${meta.format}`).toBe(mime);
    expect(meta.width).toBe(40);
    expect(meta.height).toBe(30);
  });

  it('keeps PNG pixels exactly', async () => {
    const input = await noisy(32, 32).png().toBuffer();
    const out = await ingestUpload(input, LIMIT);
    const before = await sharp(input).raw().toBuffer();
    const after = await sharp(out.data).raw().toBuffer();
    expect(after.equals(before)).toBe(true);
  });

  it('applies EXIF orientation 6: dimensions swap and the tag is gone', async () => {
    const upright = await solid(60, 20).jpeg().toBuffer();
    const input = await sharp(upright).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);

    const out = await ingestUpload(input, LIMIT);
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 20, height: 60 });
    const meta = await sharp(out.data).metadata();
    expect(meta.width).toBe(20);
    expect(meta.height).toBe(60);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('rotates the pixels, not just the size (orientation 6 turns the left edge to the top)', async () => {
    // 20×10: left half red, right half blue. Orientation 6 = rotate 90° clockwise for display, so red ends on top.
    const half = await solid(10, 10, '#ff0000').png().toBuffer();
    const upright = await solid(20, 10, '#0000ff')
      .composite([{ input: half, left: 0, top: 0 }])
      .jpeg({ quality: 100 })
      .toBuffer();
    const input = await sharp(upright).withMetadata({ orientation: 6 }).jpeg({ quality: 100 }).toBuffer();
    const out = await ingestUpload(input, LIMIT);
    expect(out).toMatchObject({ width: 10, height: 20 });
    const { data } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * 10 + x) * 3, (y * 10 + x) * 3 + 3)];
    const [topR, , topB] = px(5, 2);
    const [botR, , botB] = px(5, 17);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(botB).toBeGreaterThan(200);
    expect(botR).toBeLessThan(60);
  });

  it('strips EXIF (GPS included), XMP and ICC metadata', async () => {
    const input = await solid(30, 20)
      .withExif({
        IFD0: { Copyright: 'Someone', Make: 'PhoneCo' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><secret>home address</secret></x:xmpmeta>')
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();
    expect(input.includes(Buffer.from('PhoneCo'))).toBe(true);

    const out = await ingestUpload(input, LIMIT);
    const after = await sharp(out.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(out.data.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(out.data.includes(Buffer.from('home address'))).toBe(false);
  });

  it('strips metadata from PNG and WebP as well', async () => {
    for (const encode of [(s: sharp.Sharp) => s.png(), (s: sharp.Sharp) => s.webp()]) {
      const input = await encode(solid(10, 10).withExif({ IFD0: { Make: 'PhoneCo' } }).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')).toBuffer();
      expect((await sharp(input).metadata()).exif).toBeDefined();
      const after = await sharp((await ingestUpload(input, LIMIT)).data).metadata();
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
    }
  });

  it('drops PNG text chunks (where tools put prompts and settings)', async () => {
    const png = await solid(10, 10).png().toBuffer();
    const text = pngChunk('tEXt', Buffer.from('parameters\0secret prompt, Seed: 42', 'latin1'));
    const ihdrEnd = 8 + 4 + 4 + 13 + 4;
    const input = Buffer.concat([png.subarray(0, ihdrEnd), text, png.subarray(ihdrEnd)]);
    expect((await sharp(input).metadata()).comments).toEqual([{ keyword: 'parameters', text: 'secret prompt, Seed: 42' }]);

    const out = await ingestUpload(input, LIMIT);
    expect(out.data.includes(Buffer.from('secret prompt'))).toBe(false);
    expect((await sharp(out.data).metadata()).comments).toBeUndefined();
  });

  it('keeps every frame, the delays and the loop count of an animated GIF', async () => {
    const input = await animatedGif(['#ff0000', '#00ff00', '#0000ff']);
    const out = await ingestUpload(input, LIMIT);
    expect(out).toMatchObject({ mime: 'image/gif', width: 12, height: 8 });
    const meta = await sharp(out.data).metadata();
    expect(meta.pages).toBe(3);
    expect(meta.delay).toEqual([120, 120, 120]);
    expect(meta.loop).toBe(3);
  });

  it('counts every frame of an animation against the pixel limit', async () => {
    const input = await animatedGif(['#ff0000', '#00ff00', '#0000ff'], 100, 100); // 30,000 px over 3 frames
    await expect(ingestUpload(input, { maxInputPixels: 30_000 })).resolves.toMatchObject({ width: 100 });
    const err = await expectMediaError(ingestUpload(input, { maxInputPixels: 25_000 }), 'IMAGE_TOO_LARGE');
    expect(err.message).toContain('30,000 pixels over 3 frames');
    expect(err.message).toContain('25,000');
  });

  it('rejects a decompression bomb (tiny PNG declaring 30000×30000) as IMAGE_TOO_LARGE', async () => {
    const bomb = bombPng();
    expect(bomb.length).toBeLessThan(1000);
    const err = await expectMediaError(ingestUpload(bomb, LIMIT), 'IMAGE_TOO_LARGE');
    expect(err.message).toContain('50,000,000');
  });

  it('rejects a real image over the pixel limit as IMAGE_TOO_LARGE', async () => {
    const input = await solid(200, 100).png().toBuffer();
    await expectMediaError(ingestUpload(input, { maxInputPixels: 19_999 }), 'IMAGE_TOO_LARGE');
    await expect(ingestUpload(input, { maxInputPixels: 20_000 })).resolves.toMatchObject({ width: 200, height: 100 });
  });

  it.each([
    ['JPEG', (s: sharp.Sharp) => s.jpeg()],
    ['PNG', (s: sharp.Sharp) => s.png()],
    ['WebP', (s: sharp.Sharp) => s.webp()],
    ['GIF', (s: sharp.Sharp) => s.gif()],
  ] as const)('rejects a truncated %s as INVALID_IMAGE', async (_name, encode) => {
    const whole = await encode(noisy(120, 90)).toBuffer();
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    await expectMediaError(ingestUpload(truncated, LIMIT), 'INVALID_IMAGE');
  });

  it('rejects data that only looks like an image in its first bytes as INVALID_IMAGE', async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]);
    await expectMediaError(ingestUpload(fake, LIMIT), 'INVALID_IMAGE');
  });

  it.each([
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')],
    ['text', Buffer.from('hello')],
    ['empty', Buffer.alloc(0)],
  ])('rejects %s as UNSUPPORTED_MEDIA_TYPE naming the accepted types', async (_name, buf) => {
    const err = await expectMediaError(ingestUpload(buf, LIMIT), 'UNSUPPORTED_MEDIA_TYPE');
    expect(err.message).toMatch(/PNG/);
    expect(err.message).toMatch(/JPEG/);
    expect(err.message).toMatch(/WebP/);
    expect(err.message).toMatch(/GIF/);
  });

  it('rejects TIFF even though sharp could decode it', async () => {
    const tiff = await solid(10, 10).tiff().toBuffer();
    await expectMediaError(ingestUpload(tiff, LIMIT), 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a nonsensical pixel limit', async () => {
    const input = await solid(10, 10).png().toBuffer();
    await expect(ingestUpload(input, { maxInputPixels: 0 })).rejects.toThrow(RangeError);
  });
});
