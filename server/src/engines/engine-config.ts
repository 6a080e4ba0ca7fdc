import os from 'node:os';
import type { EnvReader } from '../config.js';

/** How provider calls are retried: 429, 5xx, timeouts and broken streams, with exponential backoff and jitter. */
export interface RetrySettings {
  /** Further attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  /** Longest wait between attempts; a provider asking (Retry-After) for longer hands the job back to the queue. */
  maxDelayMs: number;
}

export interface ProviderSettings {
  apiKey: string;
  /** Without a trailing slash. */
  baseUrl: string;
  model: string;
  /** Longest wait for an answer to start, and between two chunks of a streamed answer. */
  timeoutMs: number;
  /** Hosts (and their subdomains) image URLs may be downloaded from, besides the base URL's own host. */
  downloadHosts: string[];
  retry: RetrySettings;
}

export type SeedreamFamily = '4.0' | '4.5';
export type OpenAiFamily = 'gpt-image' | 'dall-e-3';

export interface SeedreamSettings extends ProviderSettings {
  /** Which size and input rules apply (inferred from the model id unless set: endpoint ids say nothing). */
  family: SeedreamFamily;
}

export interface OpenAiSettings extends ProviderSettings {
  family: OpenAiFamily;
  /** gpt-image only: > 0 streams the answer and asks for that many partial previews (they drive progress). */
  partialImages: number;
}

/** A local engine (ComfyUI, Automatic1111) on the operator's own machine or network. */
export interface LocalEngineSettings {
  /** Without a trailing slash. */
  baseUrl: string;
  /** The Authorization header value, when the engine sits behind a proxy that wants one. */
  authorization?: string;
  /** Longest wait for an answer to start, or (ComfyUI) between two progress messages. */
  timeoutMs: number;
  retry: RetrySettings;
  /** The checkpoint to use (absent: the first one the engine lists). */
  model?: string;
}

export interface A1111Settings extends LocalEngineSettings {
  /** How often /progress is read while a job runs (its fraction and live preview). */
  progressMs: number;
  /** The upscaler model the upscale tool uses (absent: the first model upscaler the web UI lists). */
  upscaler?: string;
}

export interface ComfyUiSettings extends LocalEngineSettings {
  /** A folder of API-format workflows with their slot maps, replacing or adding to the shipped templates. */
  workflowsDir?: string;
  /** How often /history is read when the websocket is unavailable. */
  pollMs: number;
  /** The upscale model the upscale workflow loads (absent: the first one ComfyUI lists). */
  upscaleModel?: string;
}

/**
 * Settings of the model-provider engines; a cloud engine is configured exactly when its API key is set, a local one
 * when its URL is.
 */
export interface EngineConfig {
  /** Worker threads that draw the built-in engine's images (0: on the main thread). */
  builtinRenderThreads: number;
  seedream?: SeedreamSettings;
  openai?: OpenAiSettings;
  comfyui?: ComfyUiSettings;
  a1111?: A1111Settings;
}

export const SEEDREAM_DEFAULT_BASE_URL = 'https://ark.ap-southeast.bytepluses.com';
export const SEEDREAM_DEFAULT_MODEL = 'seedream-4-0-250828';
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const OPENAI_DEFAULT_MODEL = 'gpt-image-1';

export function loadEngineConfig(r: EnvReader): EngineConfig {
  const retry: RetrySettings = {
    retries: r.int('ATELIER_ENGINE_RETRIES', 4, 0, 10),
    baseDelayMs: r.int('ATELIER_ENGINE_RETRY_BASE_MS', 1000, 1, 60_000),
    maxDelayMs: r.int('ATELIER_ENGINE_RETRY_MAX_MS', 30_000, 1, 600_000),
  };
  if (retry.maxDelayMs < retry.baseDelayMs) {
    r.problems.push('ATELIER_ENGINE_RETRY_MAX_MS must not be smaller than ATELIER_ENGINE_RETRY_BASE_MS');
  }
  const config: EngineConfig = {
    builtinRenderThreads: r.int('ATELIER_RENDER_THREADS', Math.min(8, os.availableParallelism()), 0, 64),
  };

  const seedreamKey = r.optional('ATELIER_SEEDREAM_API_KEY');
  if (seedreamKey !== undefined) {
    const model = r.string('ATELIER_SEEDREAM_MODEL', SEEDREAM_DEFAULT_MODEL);
    config.seedream = {
      apiKey: seedreamKey,
      baseUrl: baseUrl(r, 'ATELIER_SEEDREAM_BASE_URL', SEEDREAM_DEFAULT_BASE_URL),
      model,
      family: r.oneOf('ATELIER_SEEDREAM_MODEL_RULES', /4[-.]5/.test(model) ? '4.5' : '4.0', ['4.0', '4.5'] as const),
      timeoutMs: r.int('ATELIER_SEEDREAM_TIMEOUT_MS', 120_000, 100, 3_600_000),
      downloadHosts: hosts(r, 'ATELIER_SEEDREAM_DOWNLOAD_HOSTS', 'bytepluses.com,byteplus.com,volces.com'),
      retry,
    };
  }

  const openaiKey = r.optional('ATELIER_OPENAI_API_KEY');
  if (openaiKey !== undefined) {
    const model = r.string('ATELIER_OPENAI_MODEL', OPENAI_DEFAULT_MODEL);
    config.openai = {
      apiKey: openaiKey,
      baseUrl: baseUrl(r, 'ATELIER_OPENAI_BASE_URL', OPENAI_DEFAULT_BASE_URL),
      model,
      family: r.oneOf('ATELIER_OPENAI_MODEL_RULES', /^dall-e-3/.test(model) ? 'dall-e-3' : 'gpt-image', ['gpt-image', 'dall-e-3'] as const),
      timeoutMs: r.int('ATELIER_OPENAI_TIMEOUT_MS', 180_000, 100, 3_600_000),
      downloadHosts: hosts(r, 'ATELIER_OPENAI_DOWNLOAD_HOSTS', 'blob.core.windows.net'),
      partialImages: r.int('ATELIER_OPENAI_PARTIAL_IMAGES', 0, 0, 3),
      retry,
    };
  }
  loadLocalEngines(r, config, retry);
  return config;
}

function loadLocalEngines(r: EnvReader, config: EngineConfig, retry: RetrySettings): void {
  if (r.optional('ATELIER_COMFYUI_URL') !== undefined) {
    const token = r.optional('ATELIER_COMFYUI_TOKEN');
    config.comfyui = {
      baseUrl: baseUrl(r, 'ATELIER_COMFYUI_URL', 'http://127.0.0.1:8188'),
      authorization: token ? `Bearer ${token}` : undefined,
      timeoutMs: r.int('ATELIER_COMFYUI_TIMEOUT_MS', 300_000, 100, 3_600_000),
      workflowsDir: r.optional('ATELIER_COMFYUI_WORKFLOWS'),
      pollMs: r.int('ATELIER_COMFYUI_POLL_MS', 1000, 10, 60_000),
      model: r.optional('ATELIER_COMFYUI_MODEL'),
      upscaleModel: r.optional('ATELIER_COMFYUI_UPSCALE_MODEL'),
      retry,
    };
  }
  if (r.optional('ATELIER_A1111_URL') !== undefined) {
    const auth = r.optional('ATELIER_A1111_AUTH');
    if (auth !== undefined && !/^[^:]+:.+$/.test(auth)) r.problems.push('ATELIER_A1111_AUTH must be user:password');
    config.a1111 = {
      baseUrl: baseUrl(r, 'ATELIER_A1111_URL', 'http://127.0.0.1:7860'),
      authorization: auth ? `Basic ${Buffer.from(auth).toString('base64')}` : undefined,
      timeoutMs: r.int('ATELIER_A1111_TIMEOUT_MS', 600_000, 100, 3_600_000),
      progressMs: r.int('ATELIER_A1111_PROGRESS_MS', 1000, 50, 60_000),
      model: r.optional('ATELIER_A1111_MODEL'),
      upscaler: r.optional('ATELIER_A1111_UPSCALER'),
      retry,
    };
  }
}

function baseUrl(r: EnvReader, name: string, fallback: string): string {
  const text = r.string(name, fallback);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search) {
    r.problems.push(`${name}=${JSON.stringify(text)} must be an http(s) URL without credentials or query, e.g. ${fallback}`);
    return fallback;
  }
  return text.replace(/\/+$/, '');
}

function hosts(r: EnvReader, name: string, fallback: string): string[] {
  const list = r.string(name, fallback).split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((h) => !/^[a-z0-9.-]+$/.test(h) && !/^\[[0-9a-f:]+\]$/.test(h));
  if (bad.length > 0) r.problems.push(`${name} must be a comma-separated list of host names (bad: ${bad.join(', ')})`);
  return list;
}
