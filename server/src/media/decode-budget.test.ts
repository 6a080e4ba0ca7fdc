import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DecodeBudget, decodeCost } from './decode-budget.js';
import { MediaError } from './errors.js';
import { ingestUpload } from './ingest.js';

/** A progressive JPEG of the given size: the kind whose decode holds the whole image's coefficients at once. */
const progressiveJpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#4a7' } }).jpeg({ progressive: true, quality: 80 }).toBuffer();

const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err as MediaError);

describe('the decode memory budget', () => {
  it('counts a progressive JPEG as costlier than a baseline one of the same size', async () => {
    const [progressive, baseline] = await Promise.all([
      progressiveJpeg(400, 300).then((b) => sharp(b).metadata()),
      sharp({ create: { width: 400, height: 300, channels: 3, background: '#000' } }).jpeg().toBuffer().then((b) => sharp(b).metadata()),
    ]);
    expect(decodeCost(progressive)).toBeGreaterThan(decodeCost(baseline));
    expect(decodeCost(baseline)).toBeGreaterThanOrEqual(400 * 300 * 4);
  });

  it('lets concurrent uploads decode only as many at once as fit, and each still succeeds', async () => {
    const jpeg = await progressiveJpeg(1600, 1600);
    const cost = decodeCost(await sharp(jpeg).metadata());
    const budget = new DecodeBudget(cost * 2);
    const results = await Promise.all(Array.from({ length: 8 }, () => ingestUpload(jpeg, { maxInputPixels: 64_000_000, budget })));
    expect(results.every((r) => r.width === 1600 && r.height === 1600)).toBe(true);
    expect(budget.peak).toBe(cost * 2);
  });

  it('refuses at once an image that could never fit, and uploads past the queue, with catalogue messages', async () => {
    const jpeg = await progressiveJpeg(1600, 1600);
    const cost = decodeCost(await sharp(jpeg).metadata());
    const tooBig = await failureOf(ingestUpload(jpeg, { maxInputPixels: 64_000_000, budget: new DecodeBudget(cost - 1) }));
    expect(tooBig).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: 'The image is too large to be processed on this server.' });

    const budget = new DecodeBudget(cost, 2);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => failureOf(ingestUpload(jpeg, { maxInputPixels: 64_000_000, budget }))));
    const busy = outcomes.filter((o) => o?.code === 'SERVER_BUSY');
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(3); // one decoding, two waiting
    expect(busy).toHaveLength(3);
    expect(busy[0]!.message).toBe('The server is busy processing other images. Try again in a minute.');
    expect(budget.peak).toBe(cost);
  });
});
