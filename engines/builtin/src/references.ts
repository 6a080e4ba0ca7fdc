/**
 * Reads reference images for what the procedural renderer can use: their dominant colours (palette),
 * where their horizon sits (layout), and a tiny thumbnail blended over the scene as a colour wash.
 */
import sharp from 'sharp';
import type { ReferenceImage } from './contract.js';
import { luma, type Rgb } from './color.js';
import { EngineInputError } from './errors.js';
import type { WeightedColour } from './palette.js';

export interface ReferenceAnalysis {
  colours: WeightedColour[];
  /** Horizon of the primary reference as a fraction of its height, when it has a clear one. */
  horizon?: number;
  /** A 16x16 PNG of the primary reference. */
  wash: Buffer;
}

const SAMPLE = 24;

async function samplePixels(ref: ReferenceImage, index: number): Promise<Buffer> {
  try {
    return await sharp(ref.data).resize(SAMPLE, SAMPLE, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  } catch (error) {
    throw new EngineInputError('INVALID_IMAGE', `Reference image ${index + 1} (${ref.assetId}) could not be decoded: ${(error as Error).message}`);
  }
}

/** Deterministic k-means over RGB samples, initialised from luminance quantiles. */
export function dominantColours(pixels: Rgb[], k: number): WeightedColour[] {
  if (pixels.length === 0) return [];
  const sorted = pixels.slice().sort((a, b) => luma(a) - luma(b));
  let centres: Rgb[] = Array.from({ length: k }, (_, i) => ({ ...sorted[Math.floor(((i + 0.5) / k) * sorted.length)] }));
  let assign = new Array<number>(pixels.length).fill(0);
  for (let iter = 0; iter < 10; iter++) {
    assign = pixels.map((p) => {
      let best = 0;
      let bestD = Infinity;
      centres.forEach((c, i) => {
        const d = (p.r - c.r) ** 2 + (p.g - c.g) ** 2 + (p.b - c.b) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      return best;
    });
    centres = centres.map((c, i) => {
      let r = 0;
      let g = 0;
      let b = 0;
      let count = 0;
      pixels.forEach((p, j) => {
        if (assign[j] === i) {
          r += p.r;
          g += p.g;
          b += p.b;
          count++;
        }
      });
      return count ? { r: r / count, g: g / count, b: b / count } : c;
    });
  }
  const counts = new Array<number>(k).fill(0);
  for (const a of assign) counts[a]++;
  return centres
    .map((rgb, i) => ({ rgb: { r: Math.round(rgb.r), g: Math.round(rgb.g), b: Math.round(rgb.b) }, weight: counts[i] / pixels.length }))
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight);
}

/** Row with the strongest brightness change between the rows above and below (sky/land split). */
export function findHorizon(pixels: Buffer, width: number, height: number): number | undefined {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    let sum = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      sum += luma({ r: pixels[i], g: pixels[i + 1], b: pixels[i + 2] });
    }
    rows.push(sum / width);
  }
  let best: number | undefined;
  let bestScore = 0.08;
  for (let y = Math.floor(height * 0.25); y <= Math.ceil(height * 0.85); y++) {
    const above = rows.slice(Math.max(0, y - 4), y);
    const belowRows = rows.slice(y, Math.min(height, y + 4));
    if (!above.length || !belowRows.length) continue;
    const score = Math.abs(above.reduce((a, b) => a + b, 0) / above.length - belowRows.reduce((a, b) => a + b, 0) / belowRows.length);
    if (score > bestScore) {
      bestScore = score;
      best = y / height;
    }
  }
  return best;
}

export async function analyseReferences(refs: readonly ReferenceImage[]): Promise<ReferenceAnalysis | undefined> {
  if (refs.length === 0) return undefined;
  const samples = await Promise.all(refs.slice(0, 10).map((ref, i) => samplePixels(ref, i)));
  const pixels: Rgb[] = [];
  samples.forEach((buf, refIndex) => {
    // The primary reference counts double.
    const repeat = refIndex === 0 ? 2 : 1;
    for (let rep = 0; rep < repeat; rep++) {
      for (let i = 0; i < buf.length; i += 3) pixels.push({ r: buf[i], g: buf[i + 1], b: buf[i + 2] });
    }
  });
  const wash = await sharp(refs[0].data).resize(16, 16, { fit: 'cover' }).removeAlpha().png().toBuffer();
  return {
    colours: dominantColours(pixels, 6),
    horizon: findHorizon(samples[0], SAMPLE, SAMPLE),
    wash,
  };
}
