import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkChain, MAX_STEP_SIDE, sizeAfter } from './edit-geometry.js';
import { applyOperations, validateOperations, type EditOperation } from './edit-ops.js';

/** The review's case: a 64×64 PNG of a few hundred bytes, seven 1024 px borders and a rotation. */
const BLOWUP: EditOperation[] = [...Array.from({ length: 7 }, () => ({ op: 'border', width: 1024, color: 'white' }) as const), { op: 'rotate', degrees: 45 }];

const tinyPng = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).png().toBuffer();

describe('edit geometry', () => {
  it('knows the size after each operation, rotations by any angle included', () => {
    expect(sizeAfter({ op: 'rotate', degrees: 90 }, 300, 200)).toEqual({ width: 200, height: 300 });
    expect(sizeAfter({ op: 'rotate', degrees: 45 }, 100, 100)).toEqual({ width: 141, height: 141 });
    expect(sizeAfter({ op: 'border', width: 10, color: 'white' }, 100, 50)).toEqual({ width: 120, height: 70 });
    expect(sizeAfter({ op: 'border', width: 10, unit: 'percent', color: 'white' }, 100, 50)).toEqual({ width: 110, height: 60 });
    expect(sizeAfter({ op: 'crop', aspect: '1:1' }, 300, 200)).toEqual({ width: 200, height: 200 });
    expect(sizeAfter({ op: 'resize', longSide: 3840 }, 1000, 500)).toEqual({ width: 3840, height: 1920 });
    expect(sizeAfter({ op: 'zoom', factor: 2 }, 300, 200)).toEqual({ width: 300, height: 200 });
  });

  it('refuses a chain when any intermediate image would be too large, naming the step', () => {
    expect(() => checkChain(BLOWUP, { width: 64, height: 64 })).toThrow(/operations\[3\] \(border\) would make the image 8256×8256 pixels/);
    expect(() => checkChain([{ op: 'rotate', degrees: 45 }, { op: 'border', width: 1024, color: 'white' }], { width: 4096, height: 4096 }))
      .toThrow(/operations\[1\] \(border\) would make the image 7841×7841 pixels; every step of an edit must stay/);
    // A full-size image may still get a border or a rotation: the result is scaled back within the output bounds.
    expect(checkChain([{ op: 'rotate', degrees: 45 }, { op: 'border', width: 20, color: 'white' }], { width: 4096, height: 4096 }).width).toBeLessThan(MAX_STEP_SIDE);
  });

  it('stops applying before the large image exists (a few hundred bytes cannot ask for gigabytes)', async () => {
    await expect(applyOperations(await tinyPng(), validateOperations(BLOWUP))).rejects.toMatchObject({
      code: 'INVALID_OPERATIONS', message: expect.stringContaining('operations[3] (border)'),
    });
  });

  it('zooms into the centre at the image\'s own size, and resizes to a long side', async () => {
    const halves = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#000000' } })
      .composite([{ input: { create: { width: 100, height: 50, channels: 3, background: '#ffffff' } }, left: 50, top: 25 }])
      .png().toBuffer();
    const zoomed = await applyOperations(halves, [{ op: 'zoom', factor: 2 }]);
    expect([zoomed.width, zoomed.height]).toEqual([200, 100]);
    const stats = await sharp(zoomed.data).stats();
    expect(stats.channels[0]!.mean).toBeGreaterThan(250);
    const big = await applyOperations(halves, [{ op: 'resize', longSide: 800 }]);
    expect([big.width, big.height]).toEqual([800, 400]);
  });
});
