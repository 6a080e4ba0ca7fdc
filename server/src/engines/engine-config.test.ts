import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('engine configuration', () => {
  it('configures no provider engine without a key', () => {
    expect(loadConfig({}).engines).toEqual({ builtinRenderThreads: expect.any(Number) });
  });

  it('draws built-in images on one thread per core (at most 8) unless ATELIER_RENDER_THREADS says otherwise', () => {
    expect(loadConfig({}).engines.builtinRenderThreads).toBe(Math.min(8, os.availableParallelism()));
    expect(loadConfig({ ATELIER_RENDER_THREADS: '0' }).engines.builtinRenderThreads).toBe(0);
    expect(() => loadConfig({ ATELIER_RENDER_THREADS: 'many' })).toThrow(/ATELIER_RENDER_THREADS/);
  });

  it('reads each provider\'s settings, with documented defaults and model rules inferred from the model id', () => {
    const { engines } = loadConfig({
      ATELIER_SEEDREAM_API_KEY: 'k1', ATELIER_SEEDREAM_MODEL: 'seedream-4-5-251128',
      ATELIER_OPENAI_API_KEY: 'k2', ATELIER_OPENAI_BASE_URL: 'http://localhost:8000/v1/', ATELIER_OPENAI_MODEL: 'dall-e-3',
      ATELIER_ENGINE_RETRIES: '2',
    });
    expect(engines.seedream).toMatchObject({
      apiKey: 'k1', baseUrl: 'https://ark.ap-southeast.bytepluses.com', model: 'seedream-4-5-251128', family: '4.5', timeoutMs: 120_000,
      retry: { retries: 2, baseDelayMs: 1000, maxDelayMs: 30_000 },
    });
    expect(engines.openai).toMatchObject({ baseUrl: 'http://localhost:8000/v1', model: 'dall-e-3', family: 'dall-e-3', partialImages: 0 });
    const endpoint = loadConfig({ ATELIER_SEEDREAM_API_KEY: 'k', ATELIER_SEEDREAM_MODEL: 'ep-20250101-abc', ATELIER_SEEDREAM_MODEL_RULES: '4.5' });
    expect(endpoint.engines.seedream?.family).toBe('4.5');
  });

  it('reports every bad engine setting on its own line', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        ATELIER_SEEDREAM_API_KEY: 'k', ATELIER_SEEDREAM_BASE_URL: 'ftp://example.com', ATELIER_SEEDREAM_MODEL_RULES: '5.0',
        ATELIER_OPENAI_API_KEY: 'k', ATELIER_OPENAI_PARTIAL_IMAGES: '9', ATELIER_ENGINE_RETRY_BASE_MS: '5000', ATELIER_ENGINE_RETRY_MAX_MS: '10',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      'ATELIER_ENGINE_RETRY_MAX_MS must not be smaller than ATELIER_ENGINE_RETRY_BASE_MS',
      'ATELIER_SEEDREAM_BASE_URL="ftp://example.com" must be an http(s) URL without credentials or query, e.g. https://ark.ap-southeast.bytepluses.com',
      'ATELIER_SEEDREAM_MODEL_RULES="5.0" must be one of: 4.0, 4.5',
      'ATELIER_OPENAI_PARTIAL_IMAGES="9" must be a whole number from 0 to 3',
    ]);
  });
});
