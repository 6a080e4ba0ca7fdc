import { BuiltinEngine } from './builtin/index.js';
import type { EngineConfig } from './engine-config.js';
import type { ImageEngine } from './engine.js';
import type { HealthReporter } from './health.js';
import { OpenAiEngine } from './openai/index.js';
import type { ProviderRuntime } from './provider/runtime.js';
import { EngineRegistry } from './registry.js';
import { SeedreamEngine } from './seedream/index.js';

/** The built-in engine always; each provider engine when its key is configured. */
export function createEngineRegistry(config: EngineConfig, health: HealthReporter, runtime?: ProviderRuntime): EngineRegistry {
  const engines: ImageEngine[] = [new BuiltinEngine({ renderThreads: config.builtinRenderThreads })];
  if (config.seedream) engines.push(new SeedreamEngine(config.seedream, health, runtime));
  if (config.openai) engines.push(new OpenAiEngine(config.openai, health, runtime));
  return new EngineRegistry(engines);
}
