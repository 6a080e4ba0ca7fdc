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
  // Local engines are asked what they have at once, so the first page that lists them sees their tools.
  const local = [
    config.comfyui && new ComfyUiEngine(config.comfyui, health, runtime),
    config.a1111 && new A1111Engine(config.a1111, health, runtime),
  ].filter((e) => e !== undefined);
  for (const e of local) void e.refresh();
  engines.push(...local);
  return new EngineRegistry(engines);
}
