import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineConfig, RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import { ModelArkStub } from '../../test-support/stubs/modelark-stub.js';
import type { EngineCall } from '../health.js';
import type { EngineImage, EngineJob, EngineOutputError } from '../engine.js';
import { SeedreamEngine } from './index.js';

const KEY = 'ark-retried-job-key';
let stub: ModelArkStub;

beforeAll(async () => {
  stub = await ModelArkStub.start({ apiKey: KEY });
});
afterAll(() => stub.close());

function job(doneIndexes: number[]): EngineJob {
  return {
    generationId: 'g1', mode: 'generate', prompt: 'six panels', width: 1024, height: 1024, size: '1K', seed: 1, count: 6,
    watermark: false, references: [], doneIndexes: new Set(doneIndexes),
  };
}

describe('a retried Seedream job', () => {
  it('asks only for the outputs an earlier attempt did not store, and files them under their own indexes', async () => {
    const settings = engineConfig({ ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url }).seedream!;
    const calls: EngineCall[] = [];
    const engine = new SeedreamEngine(settings, { record: async (c) => void calls.push(c) }, new RecordingRuntime());
    const images: EngineImage[] = [];
    const errors: EngineOutputError[] = [];
    const result = await engine.run(job([0, 1, 4]), {
      signal: new AbortController().signal,
      onImage: async (img) => void images.push(img),
      onOutputError: async (e) => void errors.push(e),
      onProgress: () => undefined,
    });
    expect(stub.requests.at(-1)!.body.sequential_image_generation_options).toEqual({ max_images: 3 });
    expect(images.map((i) => i.index)).toEqual([2, 3, 5]);
    expect(errors).toEqual([]);
    expect(result.usage?.generated_images).toBe(3);
    expect(calls.map((c) => c.outcome)).toEqual(['ok']);
  });
});
