import { describe, expect, it } from 'vitest';

import { parseSize, sizeLabel, type SizeBounds } from './dimensions.js';
import { MediaError } from './errors.js';

const BOUNDS: SizeBounds = { presets: ['1K', '2K', '4K'], minPixels: 256 * 256, maxPixels: 4096 * 4096, maxSide: 4096 };

function sizeError(fn: () => unknown): MediaError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('INVALID_SIZE');
    return err as MediaError;
  }
  throw new Error('expected an INVALID_SIZE error');
}

describe('parseSize', () => {
  it('defaults to 1K', () => {
    expect(parseSize(undefined, BOUNDS)).toEqual({ width: 1024, height: 1024 });
  });

  it.each([
    ['1K', 1024],
    ['2K', 2048],
    ['4K', 4096],
    ['2k', 2048],
    [' 1K ', 1024],
  ])('maps preset %s to a square of %i', (size, side) => {
    expect(parseSize(size, BOUNDS)).toEqual({ width: side, height: side });
  });

  it.each([
    ['1K', '16:9'],
    ['1K', '9:16'],
    ['2K', '3:2'],
    ['1K', '2.39:1'],
    ['2K', '4:3'],
  ])('keeps about the pixel count of %s at %s, sides multiples of 8', (preset, aspect) => {
    const { width, height } = parseSize(preset, BOUNDS, aspect);
    const side = preset.startsWith('1') ? 1024 : 2048;
    const [aw, ah] = aspect.split(':').map(Number) as [number, number];
    expect(width % 8).toBe(0);
    expect(height % 8).toBe(0);
    expect(width * height).toBeLessThanOrEqual(side * side);
    expect(width * height).toBeGreaterThan(side * side * 0.97);
    expect(Math.abs(width / height - aw / ah)).toBeLessThan(0.02);
  });

  it('gives 1K at 16:9 as 1360×768', () => {
    expect(parseSize('1K', BOUNDS, '16:9')).toEqual({ width: 1360, height: 768 });
  });

  it('treats 1:1 as the plain preset', () => {
    expect(parseSize('2K', BOUNDS, '1:1')).toEqual({ width: 2048, height: 2048 });
  });

  it('caps the long side at maxSide for 4K at a wide aspect', () => {
    const { width, height } = parseSize('4K', BOUNDS, '16:9');
    expect(width).toBe(4096);
    expect(height).toBe(2304);
  });

  it('caps at a smaller maxSide too, staying on the 8-px grid', () => {
    const bounds = { ...BOUNDS, maxSide: 3000 };
    const { width, height } = parseSize('2K', bounds, '21:9');
    expect(width).toBeLessThanOrEqual(3000);
    expect(width % 8).toBe(0);
    expect(height % 8).toBe(0);
    expect(Math.abs(width / height - 21 / 9)).toBeLessThan(0.02);
  });

  it.each([
    ['1536x1024', 1536, 1024],
    ['1536X1024', 1536, 1024],
    ['1536×1024', 1536, 1024],
    ['1024 x 768', 1024, 768],
    ['4096x4096', 4096, 4096],
  ])('parses explicit %s', (size, width, height) => {
    expect(parseSize(size, BOUNDS)).toEqual({ width, height });
  });

  it.each([
    ['2k', '2K'],
    [undefined, '1K'],
    ['01536×1024', '1536x1024'],
    ['1024 x 768', '1024x768'],
  ])('labels %s as %s', (size, label) => {
    expect(sizeLabel(size, parseSize(size, BOUNDS))).toBe(label);
  });

  it('takes an explicit size as is, ignoring the aspect', () => {
    expect(parseSize('1536x1024', BOUNDS, '9:16')).toEqual({ width: 1536, height: 1024 });
  });

  it.each([
    ['a side over maxSide', '5000x1000', /longer than 4,096/],
    ['too many pixels', '4096x4096', /too many pixels/],
    ['too few pixels', '100x100', /too few pixels/],
    ['a zero side', '0x1024', /empty side/],
  ])('rejects %s', (_what, size, reason) => {
    const bounds = size === '4096x4096' ? { ...BOUNDS, maxPixels: 2048 * 2048 } : BOUNDS;
    const err = sizeError(() => parseSize(size, bounds));
    expect(err.message).toMatch(reason);
  });

  it('rejects a preset the engine does not offer, and says which it does', () => {
    const err = sizeError(() => parseSize('4K', { ...BOUNDS, presets: ['1K', '2K'] }));
    expect(err.message).toContain('4K');
    expect(err.message).toContain('1K, 2K');
  });

  it('rejects a preset beyond the pixel bounds even when listed', () => {
    sizeError(() => parseSize('4K', { ...BOUNDS, maxPixels: 2048 * 2048 }));
  });

  it.each(['', '   ', 'big', '8K', '1024', '1024x', 'x1024', '-1024x768', '1024.5x768', '1024x768x2', '1e3x1e3', '１０２４x768'])(
    'rejects garbage %j with a message stating the allowed forms and limits',
    (size) => {
      const err = sizeError(() => parseSize(size, BOUNDS));
      expect(err.message).toContain('1K, 2K, 4K');
      expect(err.message).toContain('WIDTHxHEIGHT');
      expect(err.message).toContain('4,096');
      expect(err.message).toContain('65,536');
      expect(err.message).toContain('16,777,216');
    },
  );

  it.each(['16-9', '0:1', '1:0', 'wide', '16:9:1', '-16:9'])('rejects the aspect %j', (aspect) => {
    const err = sizeError(() => parseSize('1K', BOUNDS, aspect));
    expect(err.message).toMatch(/aspect ratio/);
  });

  it('rejects an aspect so extreme that the result falls outside the bounds', () => {
    // 4096 × 8 px after capping the long side: too few pixels.
    sizeError(() => parseSize('1K', BOUNDS, '1000:1'));
  });
});
