import { A1111Engine } from './a1111/index.js';
import { BuiltinEngine } from './builtin/index.js';
import { ComfyUiEngine } from './comfyui/index.js';
import type { EngineConfig } from './engine-config.js';
import type { ImageEngine } from './engine.js';
import type { HealthReporter } from './health.js';
import { OpenAiEngine } from './openai/index.js';
import type { ProviderRuntime } from './provider/runtime.js';
import { EngineRegistry } from './registry.js';
import { SeedreamEngine } from './seedream/index.js';

/** The built-in engine always; each cloud engine when its key is configured, each local engine when its URL is. */
export function createEngineRegistry(config: EngineConfig, health: HealthReporter, runtime?: ProviderRuntime): EngineRegistry {
  const engines: ImageEngine[] = [new BuiltinEngine({ renderThreads: config.builtinRenderThreads })];
  if (config.seedream) engines.push(new SeedreamEngine(config.seedream, health, runtime));
  if (config.openai) engines.push(new OpenAiEngine(config.openai, health, runtime));
  if (config.comfyui) engines.push(new ComfyUiEngine(config.comfyui, health, runtime));
  if (config.a1111) engines.push(new A1111Engine(config.a1111, health, runtime));
  return new EngineRegistry(engines);
}
