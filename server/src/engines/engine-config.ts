import type { EnvReader } from '../config.js';

/** Settings of the model-provider engines (filled in by the engines issue). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EngineConfig {}

export function loadEngineConfig(_r: EnvReader): EngineConfig {
  return {};
}
