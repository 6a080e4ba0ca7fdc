import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { drawSetImage } from './generate.js';
import { analysePrompt } from './prompt.js';
import type { BuiltinStyle } from './styles.js';

/** The largest difference between the colour channels of any pixel: 0 for pure greys. */
async function chroma(prompt: string, style: BuiltinStyle, size: number): Promise<number> {
  const image = await drawSetImage({ set: { prompt, seed: 11, style, width: size, height: size }, index: 0, watermark: false });
  const { data, info } = await sharp(image.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let most = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    most = Math.max(most, Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!));
  }
  return most;
}

describe('black and white pictures', () => {
  it('"black and white" before anything but a subject, monochrome and grayscale ask for a grey picture', () => {
    for (const prompt of ['a black and white photo of a city', 'monochrome forest', 'a lighthouse, grayscale', 'a harbour in black and white', '黑白照片']) {
      expect(analysePrompt(prompt).monochrome, prompt).toBe(true);
    }
    for (const prompt of ['a black and white cow', 'a red and white photo', 'a black car on a white road', 'no grayscale, a city']) {
      expect(analysePrompt(prompt).monochrome, prompt).toBe(false);
    }
    // The pair asks for the grade; it does not also darken the palette.
    expect(analysePrompt('a black and white photo of a city at sunset').colours).toEqual([]);
  });

  it('grades every pixel to grey in every path: small and large images, pixel art and low-poly', async () => {
    for (const style of ['flat', 'watercolor', 'pixel', 'low-poly', 'neon'] as const) {
      for (const size of [64, 320]) {
        expect(await chroma('a red car on a road at sunset, black and white', style, size), `${style} ${size}`).toBeLessThanOrEqual(2);
        expect(await chroma('a red car on a road at sunset', style, size), `${style} ${size} in colour`).toBeGreaterThan(60);
      }
    }
  });
});
