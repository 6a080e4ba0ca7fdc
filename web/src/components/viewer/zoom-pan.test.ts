import { describe, expect, it } from 'vitest';
import { FITTED, MAX_SCALE, panBy, viewForKey, zoomBy } from './zoom-pan';

const box = { width: 400, height: 300 };

describe('zooming and panning the viewer', () => {
  it('keeps the point under the cursor in place while zooming', () => {
    const at = { x: 100, y: -50 };
    const zoomed = zoomBy(FITTED, 2, box, at);
    expect(zoomed).toEqual({ scale: 2, x: -100, y: 50 });
    // The image point that was under the cursor: (at - offset) / scale is the same before and after.
    expect((at.x - zoomed.x) / zoomed.scale).toBe(at.x);
  });

  it('never zooms out past fitted nor in past the maximum', () => {
    expect(zoomBy({ scale: 1.2, x: 30, y: 10 }, 0.5, box)).toEqual(FITTED);
    expect(zoomBy(FITTED, 100, box).scale).toBe(MAX_SCALE);
  });

  it('stops panning where the image edge meets the box', () => {
    const zoomed = zoomBy(FITTED, 2, box);
    expect(panBy(zoomed, 10_000, -10_000, box)).toEqual({ scale: 2, x: 200, y: -150 });
    expect(panBy(FITTED, 50, 50, box)).toEqual(FITTED);
  });

  it('maps + − 0 and, only when zoomed, the arrows', () => {
    expect(viewForKey(FITTED, 'ArrowRight', box)).toBeNull();
    const zoomed = viewForKey(FITTED, '+', box)!;
    expect(zoomed.scale).toBe(1.5);
    expect(viewForKey(zoomed, 'ArrowRight', box)!.x).toBeLessThan(0);
    expect(viewForKey(zoomed, 'ArrowUp', box)!.y).toBeGreaterThan(0);
    expect(viewForKey(zoomed, '-', box)).toEqual(FITTED);
    expect(viewForKey(zoomed, '0', box)).toEqual(FITTED);
    expect(viewForKey(zoomed, 'x', box)).toBeNull();
  });
});
