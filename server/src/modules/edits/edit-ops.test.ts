import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { aspectCrop, resizeTarget } from './edit-geometry.js';
import { applyOperations, validateOperations, type EditOperation } from './edit-ops.js';
import { DecodeBudget } from '../../media/decode-budget.js';

interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

async function decode(buf: Buffer): Promise<Decoded> {
  const { data, info } = await sharp(buf).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const px = (img: Decoded, x: number, y: number): number[] => {
  const i = (y * img.width + x) * img.channels;
  return Array.from(img.data.subarray(i, i + img.channels));
};

function channelMeans(img: Decoded): number[] {
  const sums = new Array(img.channels).fill(0);
  for (let i = 0; i < img.data.length; i++) sums[i % img.channels] += img.data[i];
  return sums.map((s) => s / (img.width * img.height));
}

const mean = (img: Decoded): number => {
  const m = channelMeans(img);
  return (m[0] + m[1] + m[2]) / 3;
};

function stdDev(img: Decoded): number {
  const mu = mean(img);
  let acc = 0;
  let count = 0;
  for (let i = 0; i < img.data.length; i++) {
    if (img.channels === 4 && i % 4 === 3) continue;
    acc += (img.data[i] - mu) ** 2;
    count++;
  }
  return Math.sqrt(acc / count);
}

/** Mean of max(r,g,b) - min(r,g,b): a simple saturation measure. */
function chroma(img: Decoded): number {
  let acc = 0;
  for (let i = 0; i < img.data.length; i += img.channels) {
    const r = img.data[i];
    const g = img.data[i + 1];
    const b = img.data[i + 2];
    acc += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return acc / (img.width * img.height);
}

/** Mean absolute difference between horizontal neighbours: edge energy. */
function edgeEnergy(img: Decoded): number {
  let acc = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 1; x < img.width; x++) {
      const a = (y * img.width + x) * img.channels;
      const b = a - img.channels;
      acc += Math.abs(img.data[a] - img.data[b]);
    }
  }
  return acc / (img.height * (img.width - 1));
}

let photo: Buffer; // 160x120 PNG: colourful gradient with a hard vertical edge
let quad: Buffer; // 40x30 PNG: red / green / blue / white quadrants
let jpeg: Buffer; // 200x100 JPEG
let alpha: Buffer; // 32x32 PNG with a transparent half

beforeAll(async () => {
  const w = 160;
  const h = 120;
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const edge = x < w / 2 ? 0 : 60;
      data[i] = Math.min(255, 40 + x + edge);
      data[i + 1] = Math.min(255, 60 + y);
      data[i + 2] = Math.min(255, 150 - Math.floor(x / 2) + edge / 2);
    }
  }
  photo = await sharp(data, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
  const q = Buffer.alloc(40 * 30 * 3);
  for (let y = 0; y < 30; y++) {
    for (let x = 0; x < 40; x++) {
      const i = (y * 40 + x) * 3;
      const c = y < 15 ? (x < 20 ? [255, 0, 0] : [0, 255, 0]) : x < 20 ? [0, 0, 255] : [255, 255, 255];
      q.set(c, i);
    }
  }
  quad = await sharp(q, { raw: { width: 40, height: 30, channels: 3 } }).png().toBuffer();
  jpeg = await sharp(data, { raw: { width: w, height: h, channels: 3 } }).resize(200, 100, { fit: 'fill' }).jpeg({ quality: 95 }).toBuffer();
  const a = Buffer.alloc(32 * 32 * 4);
  for (let i = 0; i < 32 * 32; i++) a.set([200, 100, 50, i % 32 < 16 ? 255 : 0], i * 4);
  alpha = await sharp(a, { raw: { width: 32, height: 32, channels: 4 } }).png().toBuffer();
});

async function edit(source: Buffer, ops: EditOperation[]) {
  const result = await applyOperations(source, validateOperations(ops));
  const img = await decode(result.data);
  expect(img.width).toBe(result.width);
  expect(img.height).toBe(result.height);
  return { result, img };
}

describe('validateOperations', () => {
  it('accepts every operation kind and returns clean copies', () => {
    const ops: EditOperation[] = [
      { op: 'brightness', amount: 0.2 },
      { op: 'contrast', amount: -0.5 },
      { op: 'saturation', amount: 1 },
      { op: 'temperature', amount: -1 },
      { op: 'grayscale' },
      { op: 'sepia' },
      { op: 'invert' },
      { op: 'blur', sigma: 2 },
      { op: 'sharpen' },
      { op: 'sharpen', sigma: 2 },
      { op: 'rotate', degrees: -33 },
      { op: 'flip', direction: 'vertical' },
      { op: 'crop', aspect: '16:9' },
      { op: 'crop', left: 0, top: 0, width: 10, height: 10 },
      { op: 'resize', scale: 1.5 },
      { op: 'resize', width: 100 },
      { op: 'text', text: 'Hi', position: 'top', color: '#ff0000' },
      { op: 'border', width: 4, color: 'black' },
      { op: 'border', width: 2.5, color: 'white', unit: 'percent' },
      { op: 'vignette', amount: 0.4 },
    ];
    const out = validateOperations(ops);
    expect(out).toEqual(ops);
    expect(out[0]).not.toBe(ops[0]);
  });

  it('rejects things that are not a list of operations', () => {
    expect(() => validateOperations(undefined)).toThrow(/expected an array/);
    expect(() => validateOperations({ op: 'invert' })).toThrow(/expected an array/);
    expect(() => validateOperations([])).toThrow(/empty/);
    expect(() => validateOperations(new Array(21).fill({ op: 'invert' }))).toThrow(/at most 20/);
  });

  it('lists every problem with its position', () => {
    let message = '';
    try {
      validateOperations([
        { op: 'brightness', amount: 2 },
        { op: 'explode' },
        { op: 'blur' },
        { op: 'crop', aspect: '16:9', width: 10 },
        { op: 'resize' },
        { op: 'text', text: '   ' },
        { op: 'border', width: 3, color: 'sparkly' },
        { op: 'flip', direction: 'diagonal' },
        { op: 'vignette', amount: 0.5, radius: 3 },
        'invert',
      ]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('operations[0] (brightness): amount must be a number from -1 to 1');
    expect(message).toContain('operations[1]: unknown op "explode"');
    expect(message).toContain('operations[2] (blur): sigma must be a number from 0.3 to 100');
    expect(message).toContain('operations[3] (crop): give either aspect or left/top/width/height');
    expect(message).toContain('operations[4] (resize): needs width, height, scale or longSide');
    expect(message).toContain('operations[5] (text): text must be a non-empty string');
    expect(message).toContain('operations[6] (border): color must be a colour name');
    expect(message).toContain('operations[7] (flip): direction must be "horizontal" or "vertical"');
    expect(message).toContain('operations[8] (vignette): unknown field "radius"');
    expect(message).toContain('operations[9]: must be an object');
  });

  it('checks numeric ranges and shapes', () => {
    expect(() => validateOperations([{ op: 'crop', aspect: '16-9' }])).toThrow(/aspect must look like/);
    expect(() => validateOperations([{ op: 'crop', aspect: '100:1' }])).toThrow(/aspect/);
    expect(() => validateOperations([{ op: 'crop', left: -1, top: 0, width: 5, height: 5 }])).toThrow(/left must be an integer/);
    expect(() => validateOperations([{ op: 'resize', width: 5000 }])).toThrow(/width must be an integer from 1 to 4096/);
    expect(() => validateOperations([{ op: 'resize', scale: 2, width: 10 }])).toThrow(/not several/);
    expect(() => validateOperations([{ op: 'rotate', degrees: Number.NaN }])).toThrow(/degrees/);
    expect(() => validateOperations([{ op: 'border', width: 30, unit: 'percent', color: 'red' }])).toThrow(/percentage/);
    expect(() => validateOperations([{ op: 'text', text: 'x'.repeat(201) }])).toThrow(/at most 200/);
    expect(() => validateOperations([{ op: 'sharpen', sigma: 50 }])).toThrow(/sigma/);
  });
});

describe('geometry helpers', () => {
  it('centre-crops to an aspect ratio', () => {
    expect(aspectCrop('16:9', 1000, 1000)).toEqual({ left: 0, top: 218, width: 1000, height: 563 });
    expect(aspectCrop('1:1', 300, 100)).toEqual({ left: 100, top: 0, width: 100, height: 100 });
  });

  it('caps resizes at the engine limits, keeping the aspect ratio', () => {
    expect(resizeTarget({ scale: 2 }, 3000, 1500)).toEqual({ width: 4096, height: 2048, fit: 'fill' });
    expect(resizeTarget({ width: 400 }, 200, 100)).toEqual({ width: 400, height: 200, fit: 'fill' });
    expect(resizeTarget({ width: 80, height: 60 }, 200, 100)).toEqual({ width: 80, height: 60, fit: 'cover' });
  });
});

describe('applyOperations on real pixels', () => {
  it('brightness raises or lowers the mean', async () => {
    const before = mean(await decode(photo));
    expect(mean((await edit(photo, [{ op: 'brightness', amount: 0.3 }])).img)).toBeGreaterThan(before + 10);
    expect(mean((await edit(photo, [{ op: 'brightness', amount: -0.3 }])).img)).toBeLessThan(before - 10);
  });

  it('contrast spreads or compresses values', async () => {
    const before = stdDev(await decode(photo));
    expect(stdDev((await edit(photo, [{ op: 'contrast', amount: 0.5 }])).img)).toBeGreaterThan(before * 1.3);
    expect(stdDev((await edit(photo, [{ op: 'contrast', amount: -0.5 }])).img)).toBeLessThan(before * 0.7);
  });

  it('saturation changes chroma', async () => {
    const before = chroma(await decode(photo));
    expect(chroma((await edit(photo, [{ op: 'saturation', amount: 0.6 }])).img)).toBeGreaterThan(before * 1.2);
    expect(chroma((await edit(photo, [{ op: 'saturation', amount: -1 }])).img)).toBeLessThan(3);
  });

  it('temperature shifts red against blue', async () => {
    const [r0, , b0] = channelMeans(await decode(photo));
    const [rw, , bw] = channelMeans((await edit(photo, [{ op: 'temperature', amount: 0.8 }])).img);
    const [rc, , bc] = channelMeans((await edit(photo, [{ op: 'temperature', amount: -0.8 }])).img);
    expect(rw - bw).toBeGreaterThan(r0 - b0 + 20);
    expect(rc - bc).toBeLessThan(r0 - b0 - 20);
  });

  it('grayscale makes all channels equal', async () => {
    const { img } = await edit(photo, [{ op: 'grayscale' }]);
    for (let i = 0; i < img.data.length; i += img.channels) {
      expect(img.data[i]).toBe(img.data[i + 1]);
      expect(img.data[i + 1]).toBe(img.data[i + 2]);
    }
  });

  it('sepia gives warm monochrome (R >= G >= B)', async () => {
    const { img } = await edit(photo, [{ op: 'sepia' }]);
    for (let i = 0; i < img.data.length; i += img.channels) {
      expect(img.data[i]).toBeGreaterThanOrEqual(img.data[i + 1]);
      expect(img.data[i + 1]).toBeGreaterThanOrEqual(img.data[i + 2]);
    }
  });

  it('invert negates every channel', async () => {
    const src = await decode(quad);
    const { img } = await edit(quad, [{ op: 'invert' }]);
    expect(px(img, 0, 0)).toEqual([0, 255, 255]);
    expect(px(img, 39, 29)).toEqual([0, 0, 0]);
    for (let i = 0; i < src.data.length; i++) expect(img.data[i]).toBe(255 - src.data[i]);
  });

  it('blur softens edges and sharpen strengthens them', async () => {
    const before = edgeEnergy(await decode(quad));
    const blurred = edgeEnergy((await edit(quad, [{ op: 'blur', sigma: 3 }])).img);
    expect(blurred).toBeLessThan(before);
    const soft = await edit(photo, [{ op: 'blur', sigma: 1.5 }]);
    const softPng = await sharp(soft.img.data, { raw: { width: soft.img.width, height: soft.img.height, channels: soft.img.channels as 3 } }).png().toBuffer();
    const sharpened = edgeEnergy((await edit(softPng, [{ op: 'sharpen', sigma: 2 }])).img);
    expect(sharpened).toBeGreaterThan(edgeEnergy(soft.img));
  });

  it('rotate 90 swaps dimensions and moves the top-left corner to the top-right', async () => {
    const { img } = await edit(quad, [{ op: 'rotate', degrees: 90 }]);
    expect([img.width, img.height]).toEqual([30, 40]);
    expect(px(img, 29, 0)).toEqual([255, 0, 0]);
    expect(px(img, 0, 0)).toEqual([0, 0, 255]);
  });

  it('rotate -90 turns counter-clockwise and 360 is a no-op', async () => {
    const { img } = await edit(quad, [{ op: 'rotate', degrees: -90 }]);
    expect([img.width, img.height]).toEqual([30, 40]);
    expect(px(img, 0, 39)).toEqual([255, 0, 0]);
    const same = await edit(quad, [{ op: 'rotate', degrees: 360 }]);
    expect(same.img.data.equals((await decode(quad)).data)).toBe(true);
  });

  it('rotate by an arbitrary angle grows the canvas and fills corners (white for opaque images)', async () => {
    const { img } = await edit(quad, [{ op: 'rotate', degrees: 30 }]);
    expect(img.width).toBeGreaterThan(40);
    expect(img.height).toBeGreaterThan(30);
    expect(px(img, 0, 0)).toEqual([255, 255, 255]);
  });

  it('flip mirrors known pixels', async () => {
    const h = await edit(quad, [{ op: 'flip', direction: 'horizontal' }]);
    expect(px(h.img, 0, 0)).toEqual([0, 255, 0]);
    expect(px(h.img, 39, 0)).toEqual([255, 0, 0]);
    const v = await edit(quad, [{ op: 'flip', direction: 'vertical' }]);
    expect(px(v.img, 0, 0)).toEqual([0, 0, 255]);
    expect(px(v.img, 0, 29)).toEqual([255, 0, 0]);
  });

  it('crop to 16:9 gives the right dimensions, centred', async () => {
    const { result } = await edit(photo, [{ op: 'crop', aspect: '16:9' }]);
    expect([result.width, result.height]).toEqual([160, 90]);
    const square = await edit(jpeg, [{ op: 'crop', aspect: '1:1' }]);
    expect([square.result.width, square.result.height]).toEqual([100, 100]);
  });

  it('crop by rectangle extracts exactly those pixels and clamps to the image', async () => {
    const { img } = await edit(quad, [{ op: 'crop', left: 20, top: 15, width: 5, height: 4 }]);
    expect([img.width, img.height]).toEqual([5, 4]);
    expect(px(img, 0, 0)).toEqual([255, 255, 255]);
    const clamped = await edit(quad, [{ op: 'crop', left: 30, top: 20, width: 100, height: 100 }]);
    expect([clamped.img.width, clamped.img.height]).toEqual([10, 10]);
    await expect(applyOperations(quad, [{ op: 'crop', left: 40, top: 0, width: 5, height: 5 }])).rejects.toThrow(/outside/);
  });

  it('resize by scale, by one side and by both sides', async () => {
    expect((await edit(quad, [{ op: 'resize', scale: 2 }])).result).toMatchObject({ width: 80, height: 60 });
    expect((await edit(quad, [{ op: 'resize', width: 20 }])).result).toMatchObject({ width: 20, height: 15 });
    expect((await edit(quad, [{ op: 'resize', height: 60 }])).result).toMatchObject({ width: 80, height: 60 });
    expect((await edit(quad, [{ op: 'resize', width: 50, height: 50 }])).result).toMatchObject({ width: 50, height: 50 });
  });

  it('text draws in the requested band only', async () => {
    const src = await decode(photo);
    const changedRows = (img: Decoded) => {
      const rows: number[] = [];
      for (let y = 0; y < img.height; y++) {
        let diff = 0;
        for (let x = 0; x < img.width; x++) {
          const i = (y * img.width + x) * 3;
          diff += Math.abs(img.data[i] - src.data[i]) + Math.abs(img.data[i + 1] - src.data[i + 1]);
        }
        expect(img.channels).toBe(3);
        if (diff > 200) rows.push(y);
      }
      return rows;
    };
    const bottom = changedRows((await edit(photo, [{ op: 'text', text: 'Hello' }])).img);
    expect(bottom.length).toBeGreaterThan(3);
    expect(Math.min(...bottom)).toBeGreaterThan(60);
    const top = changedRows((await edit(photo, [{ op: 'text', text: 'Hello', position: 'top', color: 'yellow' }])).img);
    expect(Math.max(...top)).toBeLessThan(60);
  });

  it('text is drawn as text, never as markup', async () => {
    const { img } = await edit(photo, [{ op: 'text', text: '<image href="file:///etc/passwd"/> & "quotes"' }]);
    expect(img.width).toBe(160);
  });

  it('border grows the canvas with the colour at the edges', async () => {
    const { img } = await edit(quad, [{ op: 'border', width: 5, color: 'black' }]);
    expect([img.width, img.height]).toEqual([50, 40]);
    expect(px(img, 0, 0)).toEqual([0, 0, 0]);
    expect(px(img, 5, 5)).toEqual([255, 0, 0]);
    const pct = await edit(quad, [{ op: 'border', width: 10, unit: 'percent', color: '#00ff00' }]);
    expect([pct.img.width, pct.img.height]).toEqual([46, 36]);
    expect(px(pct.img, 0, 0)).toEqual([0, 255, 0]);
  });

  it('vignette darkens the corners more than the centre', async () => {
    const white = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const { img } = await edit(white, [{ op: 'vignette', amount: 0.8 }]);
    expect(img.channels).toBe(3);
    expect(px(img, 50, 50)[0]).toBeGreaterThan(245);
    expect(px(img, 0, 0)[0]).toBeLessThan(120);
  });

  it('applies operations in order', async () => {
    const a = await edit(quad, [{ op: 'crop', aspect: '1:1' }, { op: 'rotate', degrees: 90 }]);
    const b = await edit(quad, [{ op: 'rotate', degrees: 90 }, { op: 'crop', aspect: '2:1' }]);
    expect([a.img.width, a.img.height]).toEqual([30, 30]);
    expect([b.img.width, b.img.height]).toEqual([30, 15]);
  });
});

describe('applyOperations: formats and the source', () => {
  it('keeps PNG as PNG (with alpha) and turns everything else into JPEG', async () => {
    const png = await applyOperations(alpha, [{ op: 'brightness', amount: 0.1 }]);
    expect(png.mime).toBe('image/png');
    const meta = await sharp(png.data).metadata();
    expect(meta.format).toBe('png');
    expect(meta.hasAlpha).toBe(true);
    const decoded = await decode(png.data);
    expect(px(decoded, 20, 5)[3]).toBe(0);
    expect(px(decoded, 5, 5)[3]).toBe(255);

    const jpg = await applyOperations(jpeg, [{ op: 'invert' }]);
    expect(jpg.mime).toBe('image/jpeg');
    expect((await sharp(jpg.data).metadata()).format).toBe('jpeg');

    const webp = await sharp(photo).webp().toBuffer();
    const fromWebp = await applyOperations(webp, [{ op: 'grayscale' }]);
    expect(fromWebp.mime).toBe('image/jpeg');
  });

  it('never modifies the source buffer', async () => {
    const copy = Buffer.from(photo);
    await applyOperations(photo, [{ op: 'invert' }, { op: 'rotate', degrees: 90 }, { op: 'border', width: 3, color: 'red' }]);
    expect(photo.equals(copy)).toBe(true);
  });

  it('rejects sources that are not images', async () => {
    await expect(applyOperations(Buffer.from('not an image'), [{ op: 'invert' }])).rejects.toThrow(/could not be decoded/);
  });

  it('keeps the result within 4096 pixels per side', async () => {
    const big = await sharp({ create: { width: 4000, height: 100, channels: 3, background: '#123456' } }).png().toBuffer();
    const result = await applyOperations(big, [{ op: 'border', width: 100, color: 'white' }]);
    expect(result.width).toBeLessThanOrEqual(4096);
    expect(result.height).toBeLessThanOrEqual(4096);
  });

  it('honours an already-aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(applyOperations(photo, [{ op: 'invert' }], { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('applyOperations and memory', () => {
  const small = () => sharp({ create: { width: 200, height: 100, channels: 3, background: '#336699' } }).png().toBuffer();

  it('counts its decode and largest step against the decode budget, so concurrent edits wait instead of piling up', async () => {
    const source = await small();
    // Room for one edit of this image (its decode plus two 400×300 RGBA steps), not two.
    const oneEdit = 200 * 100 * 8 + 2 * 4 * 400 * 300;
    const budget = new DecodeBudget(oneEdit + 1000);
    const ops: EditOperation[] = [{ op: 'border', width: 100, color: '#ffffff' }];
    const [a, b] = await Promise.all([applyOperations(source, ops, { budget }), applyOperations(source, ops, { budget })]);
    expect([a.width, a.height, b.width, b.height]).toEqual([400, 300, 400, 300]);
    expect(budget.peak).toBe(oneEdit);
  });

  it('refuses an edit whose steps could never fit the budget, with a message a person can act on', async () => {
    const budget = new DecodeBudget(200 * 100 * 8 + 2 * 4 * 200 * 100);
    await expect(applyOperations(await small(), [{ op: 'border', width: 100, color: '#ffffff' }], { budget }))
      .rejects.toThrow(/more memory than this server allows.*Crop or resize/);
  });
});
