import { describe, expect, it } from 'vitest';
import { RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import type { EngineImage } from '../engine.js';
import type { EngineCall } from '../health.js';
import { ProviderCallError } from '../provider/errors.js';
import { LocalEngine, type Discovery, type LocalAttempt } from './engine.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A local engine whose engine answers from a script: discovery fails `downFor` times, then lists one checkpoint. */
class ScriptedEngine extends LocalEngine<{ baseUrl: string; timeoutMs: number; retry: { retries: number; baseDelayMs: number; maxDelayMs: number } }> {
  readonly id = 'scripted';
  protected readonly engineName = 'Scripted';
  readonly models: Array<string | undefined> = [];
  downFor = 0;

  protected description() {
    return 'test';
  }

  protected assumed(): Discovery {
    return { models: [], samplers: [], upscalers: [], tools: ['instruct'], generates: true, references: 0 };
  }

  protected async discover(): Promise<Discovery> {
    if (this.downFor-- > 0) throw new ProviderCallError('retryable', 'NETWORK', 'the connection failed (ECONNREFUSED)');
    return { models: ['ckpt.safetensors'], samplers: ['euler'], upscalers: [], tools: ['instruct'], generates: true, references: 0 };
  }

  protected async request(a: LocalAttempt): Promise<void> {
    this.models.push(a.model);
    await a.delivery.image(a.indexFor(0)!, { b64_json: PNG.toString('base64') });
  }
}

describe('a local engine', () => {
  it('asks the engine what it has again within the job\'s attempts, and never runs without its checkpoint', async () => {
    const calls: EngineCall[] = [];
    const engine = new ScriptedEngine({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 100, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 2 } },
      { record: async (c) => void calls.push(c) }, new RecordingRuntime());
    engine.downFor = 2;
    expect(engine.describe().model).toBeUndefined();
    const images: EngineImage[] = [];
    const result = await engine.run(
      { generationId: 'g', mode: 'generate', prompt: 'p', width: 1, height: 1, seed: 1, count: 1, watermark: false, references: [], doneIndexes: new Set() },
      { signal: new AbortController().signal, onImage: async (i) => void images.push(i), onOutputError: async () => undefined, onProgress: () => undefined },
    );
    expect(engine.models).toEqual(['ckpt.safetensors']);
    expect(result.model).toBe('ckpt.safetensors');
    expect(images).toHaveLength(1);
    expect(calls.filter((c) => c.outcome === 'error').map((c) => c.code)).toEqual(['DISCOVERY_FAILED', 'NETWORK']);
    expect(engine.describe()).toMatchObject({ model: 'ckpt.safetensors', samplers: ['euler'] });
  });
});
