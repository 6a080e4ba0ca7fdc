import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EditOperation } from '../../api/edits';
import { applyAspect, centredCrop, initialTools, keyboardCrop, moveRect, outputSize, resizeRect, toOperations } from './edit-model';

const W = 1000;
const H = 600;

describe('crop box maths', () => {
  it('centres the largest crop of an aspect ratio', () => {
    expect(centredCrop(1, W, H)).toEqual({ left: 200, top: 0, width: 600, height: 600 });
    expect(centredCrop(16 / 9, W, H)).toEqual({ left: 0, top: 19, width: 1000, height: 563 });
    expect(centredCrop(9 / 16, W, H)).toEqual({ left: 331, top: 0, width: 338, height: 600 });
  });

  it('moves the box but never past the image edges', () => {
    const box = { left: 100, top: 100, width: 200, height: 200 };
    expect(moveRect(box, 50, -30, W, H)).toEqual({ left: 150, top: 70, width: 200, height: 200 });
    expect(moveRect(box, -500, 900, W, H)).toEqual({ left: 0, top: 400, width: 200, height: 200 });
  });

  it('resizes from a corner keeping the opposite corner fixed', () => {
    const box = { left: 100, top: 100, width: 200, height: 200 };
    expect(resizeRect(box, 'se', 50, 20, null, W, H)).toEqual({ left: 100, top: 100, width: 250, height: 220 });
    expect(resizeRect(box, 'nw', 50, 20, null, W, H)).toEqual({ left: 150, top: 120, width: 150, height: 180 });
  });

  it('keeps the ratio while resizing and stops at the image edge', () => {
    const box = { left: 100, top: 100, width: 200, height: 200 };
    const wide = resizeRect(box, 'se', 100, 0, 16 / 9, W, H);
    expect(wide.width / wide.height).toBeCloseTo(16 / 9);
    const huge = resizeRect(box, 'se', 5000, 5000, 1, W, H);
    expect(huge).toEqual({ left: 100, top: 100, width: 500, height: 500 });
  });

  it('never shrinks below the minimum size', () => {
    const box = { left: 100, top: 100, width: 200, height: 200 };
    const tiny = resizeRect(box, 'se', -1000, -1000, null, W, H);
    expect(tiny.width).toBe(16);
    expect(tiny.height).toBe(16);
  });

  it('re-fits the box to a new ratio around its centre, inside the image', () => {
    const fitted = applyAspect({ left: 0, top: 0, width: W, height: H }, 1, W, H);
    expect(fitted.width).toBeCloseTo(fitted.height);
    expect(fitted.left + fitted.width).toBeLessThanOrEqual(W);
    expect(fitted.top + fitted.height).toBeLessThanOrEqual(H);
    expect(fitted.left + fitted.width / 2).toBeCloseTo(W / 2);
  });

  it('moves with arrow keys and resizes with Shift+arrow', () => {
    const box = { left: 100, top: 100, width: 200, height: 200 };
    expect(keyboardCrop(box, 'ArrowRight', false, null, W, H)).toEqual({ ...box, left: 120 });
    expect(keyboardCrop(box, 'ArrowDown', true, null, W, H)).toEqual({ ...box, height: 220 });
    expect(keyboardCrop(box, 'Enter', false, null, W, H)).toBeNull();
  });
});

describe('tools to operations', () => {
  it('sends nothing for untouched tools', () => {
    expect(toOperations(initialTools(W, H), W, H)).toEqual([]);
  });

  it('builds the classic operations of the API\'s union (each op with its own fields only)', () => {
    expectTypeOf<Extract<EditOperation, { op: 'blur' }>>().toEqualTypeOf<{ op: 'blur'; sigma: number }>();
    expectTypeOf<Extract<EditOperation, { op: 'flip' }>['direction']>().toEqualTypeOf<'horizontal' | 'vertical'>();
    // @ts-expect-error: no such operation
    const unknownOp: EditOperation = { op: 'explode' };
    // @ts-expect-error: grayscale takes no fields
    const extraField: EditOperation = { op: 'grayscale', radius: 2 };
    expect([unknownOp, extraField]).toHaveLength(2);
  });

  it('maps every tool to its classic operation, crop first, in whole pixels', () => {
    const tools = {
      ...initialTools(W, H),
      crop: { left: 10.4, top: 20.6, width: 300.2, height: 200.7 },
      rotate: 90 as const,
      flipH: true,
      brightness: 25,
      contrast: -10,
      saturation: 0,
      warmth: 40,
      filter: 'vignette' as const,
    };
    expect(toOperations(tools, W, H)).toEqual([
      { op: 'crop', left: 10, top: 21, width: 300, height: 201 },
      { op: 'rotate', degrees: 90 },
      { op: 'flip', direction: 'horizontal' },
      { op: 'brightness', amount: 0.25 },
      { op: 'contrast', amount: -0.1 },
      { op: 'temperature', amount: 0.4 },
      { op: 'vignette', amount: 0.6 },
    ]);
  });

  it('swaps the output sides for a quarter turn', () => {
    const tools = { ...initialTools(W, H), crop: { left: 0, top: 0, width: 400, height: 300 }, rotate: 270 as const };
    expect(outputSize(tools, W, H)).toEqual({ width: 300, height: 400 });
  });
});
