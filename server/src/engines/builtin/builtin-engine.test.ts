import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STYLES } from '@atelier/engine-builtin';
import type { EngineContext, EngineImage, EngineJob, EngineReference } from '../engine.js';
import { BuiltinEngine } from './index.js';

const engine = new BuiltinEngine();

function job(overrides: Partial<EngineJob> = {}): EngineJob {
  return {
    generationId: 'gen-test', mode: 'generate', prompt: 'sunset over the ocean', width: 256, height: 192, seed: 42, count: 1,
    style: 'flat', watermark: false, references: [], doneIndexes: new Set<number>(), ...overrides,
  };
}

async function run(j: EngineJob): Promise<{ images: EngineImage[]; progress: number[] }> {
  const out = { images: [] as EngineImage[], progress: [] as number[] };
  const ctx: EngineContext = {
    signal: new AbortController().signal,
    onImage: async (image) => void out.images.push(image),
    onOutputError: async (error) => {
      throw new Error(`unexpected output error ${error.code}`);
    },
    onProgress: (fraction) => void out.progress.push(fraction),
  };
  await engine.run(j, ctx);
  return out;
}

async function meanRgb(data: Buffer): Promise<[number, number, number]> {
  const stats = await sharp(data).stats();
  return [stats.channels[0].mean, stats.channels[1].mean, stats.channels[2].mean];
}

describe('BuiltinEngine.describe', () => {
  it('describes an honest, offline, non-neural engine', () => {
    const caps = engine.describe();
    expect(engine.id).toBe('builtin');
    expect(caps).toMatchObject({
      id: 'builtin',
      name: 'Atelier built-in (procedural)',
      neural: false,
      modes: ['generate', 'edit'],
      maxReferences: 10,
      maxOutputs: 15,
      sizePresets: ['1K', '2K', '4K'],
      minPixels: 4096,
      maxPixels: 16_777_216,
      maxSide: 4096,
      seed: true,
      streaming: true,
      watermark: true,
    });
    expect(caps.description).toMatch(/not an AI model/);
    expect(caps.styles).toEqual([...BUILTIN_STYLES]);
    for (const style of ['watercolor', 'flat', 'neon', 'pixel', 'ink', 'pastel', 'low-poly', 'film']) expect(caps.styles).toContain(style);
  });
});

describe('generate through the engine', () => {
  it('draws with the built-in renderer', async () => {
    const { images } = await run(job({ width: 320, height: 200 }));
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ index: 0, mime: 'image/jpeg', width: 320, height: 200 });
  });
});

describe('edit mode through the engine', () => {
  const source = async (format: 'png' | 'jpeg') => {
    const img = sharp({ create: { width: 120, height: 80, channels: 3, background: '#406080' } });
    const data = format === 'png' ? await img.png().toBuffer() : await img.jpeg().toBuffer();
    return { assetId: 'src', mime: `image/${format}`, width: 120, height: 80, data } satisfies EngineReference;
  };

  it('applies structured operations', async () => {
    const { images, progress } = await run(
      job({ mode: 'edit', source: await source('png'), operations: [{ op: 'crop', aspect: '1:1' }, { op: 'rotate', degrees: 90 }] }),
    );
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ index: 0, mime: 'image/png', width: 80, height: 80 });
    expect(progress).toEqual([0, 1]);
  });

  it('parses the instruction when no operations are given', async () => {
    const src = await source('jpeg');
    const { images } = await run(job({ mode: 'edit', source: src, instruction: 'make it brighter and add a 10px white border' }));
    expect(images[0]).toMatchObject({ mime: 'image/jpeg', width: 140, height: 100 });
    const [r] = await meanRgb(images[0].data);
    const [r0] = await meanRgb(src.data);
    expect(r).toBeGreaterThan(r0);
  });

  it('rejects instructions it cannot understand and invalid operations', async () => {
    const src = await source('png');
    await expect(run(job({ mode: 'edit', source: src, instruction: 'add a dragon' }))).rejects.toThrow(/Could not understand: "dragon"/);
    await expect(run(job({ mode: 'edit', source: src, operations: [{ op: 'blur', sigma: -1 }] }))).rejects.toThrow(/sigma/);
    await expect(run(job({ mode: 'edit', instruction: 'brighter' }))).rejects.toThrow(/source image/);
  });

  it('skips the output when it is already done', async () => {
    const { images } = await run(job({ mode: 'edit', source: await source('png'), instruction: 'invert', doneIndexes: new Set([0]) }));
    expect(images).toEqual([]);
  });
});
