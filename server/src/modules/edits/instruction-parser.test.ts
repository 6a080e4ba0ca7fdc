import { describe, expect, it } from 'vitest';
import { validateOperations, type EditOperation } from './edit-ops.js';
import { parseInstruction, UNDERSTOOD_INSTRUCTIONS } from './instruction-parser.js';

function ops(text: string): EditOperation[] {
  const result = parseInstruction(text);
  if ('error' in result) throw new Error(`expected operations for ${JSON.stringify(text)}, got error: ${result.error}`);
  return result.operations;
}

function error(text: string): { error: string; understood: string[] } {
  const result = parseInstruction(text);
  if (!('error' in result)) throw new Error(`expected an error for ${JSON.stringify(text)}, got ${JSON.stringify(result.operations)}`);
  return result;
}

describe('parseInstruction: single edits', () => {
  it.each<[string, EditOperation[]]>([
    ['make it brighter', [{ op: 'brightness', amount: 0.2 }]],
    ['brighten', [{ op: 'brightness', amount: 0.2 }]],
    ['darker', [{ op: 'brightness', amount: -0.2 }]],
    ['reduce brightness', [{ op: 'brightness', amount: -0.2 }]],
    ["it's too dark", [{ op: 'brightness', amount: 0.2 }]],
    ["it's too bright", [{ op: 'brightness', amount: -0.2 }]],
    ['more contrast', [{ op: 'contrast', amount: 0.25 }]],
    ['less contrast', [{ op: 'contrast', amount: -0.25 }]],
    ['increase saturation', [{ op: 'saturation', amount: 0.3 }]],
    ['desaturate', [{ op: 'saturation', amount: -0.3 }]],
    ['less saturated', [{ op: 'saturation', amount: -0.3 }]],
    ['make the colors pop', [{ op: 'saturation', amount: 0.3 }]],
    ['warmer', [{ op: 'temperature', amount: 0.35 }]],
    ['add some warmth', [{ op: 'temperature', amount: 0.35 }]],
    ['cooler', [{ op: 'temperature', amount: -0.35 }]],
    ['black and white', [{ op: 'grayscale' }]],
    ['turn it black & white', [{ op: 'grayscale' }]],
    ['B&W please', [{ op: 'grayscale' }]],
    ['grayscale', [{ op: 'grayscale' }]],
    ['greyscale', [{ op: 'grayscale' }]],
    ['remove the colours', [{ op: 'grayscale' }]],
    ['sepia', [{ op: 'sepia' }]],
    ['give it a vintage look', [{ op: 'sepia' }]],
    ['invert colors', [{ op: 'invert' }]],
    ['invert the colours', [{ op: 'invert' }]],
    ['blur the image', [{ op: 'blur', sigma: 3 }]],
    ['soften', [{ op: 'blur', sigma: 3 }]],
    ['blur 5px', [{ op: 'blur', sigma: 5 }]],
    ['sharpen', [{ op: 'sharpen', sigma: 1.2 }]],
    ['less blurry', [{ op: 'sharpen', sigma: 1.2 }]],
    ['rotate 90 degrees', [{ op: 'rotate', degrees: 90 }]],
    ['rotate left', [{ op: 'rotate', degrees: -90 }]],
    ['rotate right', [{ op: 'rotate', degrees: 90 }]],
    ['rotate 45° counterclockwise', [{ op: 'rotate', degrees: -45 }]],
    ['turn it upside down', [{ op: 'rotate', degrees: 180 }]],
    ['flip horizontally', [{ op: 'flip', direction: 'horizontal' }]],
    ['mirror', [{ op: 'flip', direction: 'horizontal' }]],
    ['mirror the image', [{ op: 'flip', direction: 'horizontal' }]],
    ['flip vertically', [{ op: 'flip', direction: 'vertical' }]],
    ['crop to 16:9', [{ op: 'crop', aspect: '16:9' }]],
    ['crop it to a 4:3 ratio', [{ op: 'crop', aspect: '4:3' }]],
    ['crop to 4 by 3', [{ op: 'crop', aspect: '4:3' }]],
    ['square crop', [{ op: 'crop', aspect: '1:1' }]],
    ['make it square', [{ op: 'crop', aspect: '1:1' }]],
    ['crop to widescreen', [{ op: 'crop', aspect: '16:9' }]],
    ['upscale 2x', [{ op: 'resize', scale: 2 }]],
    ['upscale', [{ op: 'resize', scale: 2 }]],
    ['upscale by 50%', [{ op: 'resize', scale: 1.5 }]],
    ['double the size', [{ op: 'resize', scale: 2 }]],
    ['make it 50% smaller', [{ op: 'resize', scale: 0.5 }]],
    ['shrink by half', [{ op: 'resize', scale: 0.5 }]],
    ['downscale 2x', [{ op: 'resize', scale: 0.5 }]],
    ['resize to 800x600', [{ op: 'resize', width: 800, height: 600 }]],
    ['resize to 1920 x 1080 pixels', [{ op: 'resize', width: 1920, height: 1080 }]],
    ['make it 800 pixels wide', [{ op: 'resize', width: 800 }]],
    ["add text 'Hello'", [{ op: 'text', text: 'Hello' }]],
    ['add the caption "Hello"', [{ op: 'text', text: 'Hello' }]],
    ['add text “Hello there”', [{ op: 'text', text: 'Hello there' }]],
    ['add a caption saying hello world', [{ op: 'text', text: 'hello world' }]],
    ['add a white border', [{ op: 'border', width: 3, unit: 'percent', color: 'white' }]],
    ['add a thick black frame', [{ op: 'border', width: 6, unit: 'percent', color: 'black' }]],
    ['add a 20px red border', [{ op: 'border', width: 20, color: 'red' }]],
    ['add a vignette', [{ op: 'vignette', amount: 0.5 }]],
    ['darken the edges', [{ op: 'vignette', amount: 0.5 }]],
  ])('%s', (text, expected) => {
    expect(ops(text)).toEqual(expected);
  });
});

describe('parseInstruction: intensities and explicit amounts', () => {
  it('scales amounts with intensity words', () => {
    expect(ops('a bit darker')).toEqual([{ op: 'brightness', amount: -0.1 }]);
    expect(ops('slightly more contrast')).toEqual([{ op: 'contrast', amount: 0.125 }]);
    expect(ops('make it much brighter')).toEqual([{ op: 'brightness', amount: 0.34 }]);
    expect(ops('lower the contrast a lot')).toEqual([{ op: 'contrast', amount: -0.425 }]);
    expect(ops('cool it down slightly')).toEqual([{ op: 'temperature', amount: -0.175 }]);
    expect(ops('a strong vignette')).toEqual([{ op: 'vignette', amount: 0.85 }]);
    expect(ops('blur it a lot')).toEqual([{ op: 'blur', sigma: 5.1 }]);
  });

  it('reads percentages as amounts', () => {
    expect(ops('increase brightness by 20%')).toEqual([{ op: 'brightness', amount: 0.2 }]);
    expect(ops('30% darker')).toEqual([{ op: 'brightness', amount: -0.3 }]);
    expect(ops('brightness +30%')).toEqual([{ op: 'brightness', amount: 0.3 }]);
  });

  it('keeps amounts within the validator bounds', () => {
    const result = ops('make it extremely extremely much brighter by 250%');
    expect(result).toEqual([{ op: 'brightness', amount: 1 }]);
    expect(() => validateOperations(result)).not.toThrow();
  });
});

describe('parseInstruction: robustness', () => {
  it('ignores case, punctuation and politeness', () => {
    expect(ops('Make it MUCH brighter!!!')).toEqual([{ op: 'brightness', amount: 0.34 }]);
    expect(ops('  please, could you make the photo warmer?  ')).toEqual([{ op: 'temperature', amount: 0.35 }]);
    expect(ops('GRAYSCALE.')).toEqual([{ op: 'grayscale' }]);
  });

  it('keeps quoted text verbatim, including words like "and" and punctuation', () => {
    expect(ops('add text "Rock and roll!" at the top in red')).toEqual([{ op: 'text', text: 'Rock and roll!', position: 'top', color: 'red' }]);
    expect(ops("write 'Happy birthday' in the center")).toEqual([{ op: 'text', text: 'Happy birthday', position: 'center' }]);
  });

  it('does not treat apostrophes as quotes', () => {
    expect(ops("it's too dark, let's add a vignette")).toEqual([
      { op: 'brightness', amount: 0.2 },
      { op: 'vignette', amount: 0.5 },
    ]);
  });
});

describe('parseInstruction: combinations', () => {
  it('splits on "and", "then" and commas, keeping order', () => {
    expect(ops('make it warmer and crop to 16:9, then add a vignette')).toEqual([
      { op: 'temperature', amount: 0.35 },
      { op: 'crop', aspect: '16:9' },
      { op: 'vignette', amount: 0.5 },
    ]);
    expect(ops('sharpen it and then make it a little warmer; also mirror it')).toEqual([
      { op: 'sharpen', sigma: 1.2 },
      { op: 'temperature', amount: 0.175 },
      { op: 'flip', direction: 'horizontal' },
    ]);
  });

  it('finds several edits in one clause', () => {
    expect(ops('more vibrant punchier')).toEqual([
      { op: 'saturation', amount: 0.3 },
      { op: 'contrast', amount: 0.25 },
    ]);
  });

  it('does not split "black and white"', () => {
    expect(ops('black and white and rotate left')).toEqual([{ op: 'grayscale' }, { op: 'rotate', degrees: -90 }]);
  });

  it('produces operations the validator accepts', () => {
    const result = ops('brighter, more contrast, desaturate, cooler, sepia, invert, blur, sharpen, rotate 180, flip vertically, crop to 3:2, resize to 640x480, add text "x", add a blue border, add a vignette');
    expect(result).toHaveLength(15);
    expect(validateOperations(result)).toEqual(result);
  });
});

describe('parseInstruction: what it cannot do', () => {
  it('explains unknown instructions and lists what it understands', () => {
    const result = error('make it look like a painting');
    expect(result.error).toContain('"painting"');
    expect(result.understood).toBe(UNDERSTOOD_INSTRUCTIONS);
    expect(result.understood.length).toBeGreaterThan(10);
    expect(result.error).toContain('warmer / cooler');
  });

  it('rejects the whole instruction when a meaningful part is not understood', () => {
    const result = error('make it brighter and add a cat');
    expect(result.error).toContain('"cat"');
    expect(result.error).not.toContain('"brighter"');
  });

  it('rejects a crop without a shape, empty text and filler-only text', () => {
    expect(error('crop').error).toContain('"crop"');
    expect(error('').error).toMatch(/empty/);
    expect(error('   ').error).toMatch(/empty/);
    expect(error('please').error).toMatch(/No edit found/);
    expect(error('hello there').error).toContain('hello there');
  });

  it('does not mistake a size for an aspect ratio or vice versa', () => {
    expect(ops('crop to 3:2')).toEqual([{ op: 'crop', aspect: '3:2' }]);
    expect(ops('resize to 300x200')).toEqual([{ op: 'resize', width: 300, height: 200 }]);
  });
});

describe('parseInstruction: what people write', () => {
  it.each<[string, EditOperation[]]>([
    ['convert to grayscale', [{ op: 'grayscale' }]],
    ['Convert it to black and white', [{ op: 'grayscale' }]],
    ['make it black and white', [{ op: 'grayscale' }]],
    ['zoom in on the centre', [{ op: 'zoom', factor: 2 }]],
    ['zoom into the middle of the photo', [{ op: 'zoom', factor: 2 }]],
    ['zoom in 3x', [{ op: 'zoom', factor: 3 }]],
    ['upscale to 4K', [{ op: 'resize', longSide: 3840 }]],
    ['make it 1080p', [{ op: 'resize', longSide: 1920 }]],
    ['upscale to full HD', [{ op: 'resize', longSide: 1920 }]],
  ])('%s', (text, expected) => {
    expect(ops(text)).toEqual(expected);
    expect(validateOperations(expected)).toEqual(expected);
  });
});

describe('parseInstruction: Chinese', () => {
  it.each<[string, EditOperation[]]>([
    ['变成黑白', [{ op: 'grayscale' }]],
    ['把它变成黑白', [{ op: 'grayscale' }]],
    ['转为灰度', [{ op: 'grayscale' }]],
    ['更亮', [{ op: 'brightness', amount: 0.2 }]],
    ['亮一点', [{ op: 'brightness', amount: 0.1 }]],
    ['调暗', [{ op: 'brightness', amount: -0.2 }]],
    ['提高对比度', [{ op: 'contrast', amount: 0.25 }]],
    ['更鲜艳', [{ op: 'saturation', amount: 0.3 }]],
    ['更暖', [{ op: 'temperature', amount: 0.35 }]],
    ['偏冷', [{ op: 'temperature', amount: -0.35 }]],
    ['复古', [{ op: 'sepia' }]],
    ['反色', [{ op: 'invert' }]],
    ['模糊', [{ op: 'blur', sigma: 3 }]],
    ['锐化', [{ op: 'sharpen', sigma: 1.2 }]],
    ['加暗角', [{ op: 'vignette', amount: 0.5 }]],
    ['裁剪成 16:9', [{ op: 'crop', aspect: '16:9' }]],
    ['裁剪成正方形', [{ op: 'crop', aspect: '1:1' }]],
    ['顺时针旋转 90 度', [{ op: 'rotate', degrees: 90 }]],
    ['逆时针旋转90度', [{ op: 'rotate', degrees: -90 }]],
    ['旋转 180 度', [{ op: 'rotate', degrees: 180 }]],
    ['水平翻转', [{ op: 'flip', direction: 'horizontal' }]],
    ['上下翻转', [{ op: 'flip', direction: 'vertical' }]],
    ['放大两倍', [{ op: 'resize', scale: 2 }]],
    ['缩小一半', [{ op: 'resize', scale: 0.5 }]],
    ['放大到 4K', [{ op: 'resize', longSide: 3840 }]],
    ['放大中心', [{ op: 'zoom', factor: 2 }]],
    ['加白色边框', [{ op: 'border', width: 3, unit: 'percent', color: 'white' }]],
    ['添加文字“你好世界”', [{ op: 'text', text: '你好世界' }]],
    ['变成黑白，然后裁剪成 16:9', [{ op: 'grayscale' }, { op: 'crop', aspect: '16:9' }]],
  ])('%s', (text, expected) => {
    expect(ops(text)).toEqual(expected);
  });

  it('reports what it could not do, so the edit can go to an engine', () => {
    expect(error('把天空换成晚霞').error).toMatch(/Could not understand: "天空换成晚霞"/);
    expect(error('remove the background').error).toMatch(/Could not understand: "remove background"/);
  });
});
