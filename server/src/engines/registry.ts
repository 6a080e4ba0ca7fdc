import { AppError } from '../http/errors.js';
import type { EngineCapabilities, ImageEngine } from './engine.js';

export class EngineRegistry {
  private readonly engines = new Map<string, ImageEngine>();

  constructor(engines: ImageEngine[], readonly defaultId = 'builtin') {
    for (const e of engines) {
      if (this.engines.has(e.id)) throw new Error(`Engine "${e.id}" registered twice`);
      this.engines.set(e.id, e);
    }
  }

  get(id: string | undefined): ImageEngine {
    const engine = this.engines.get(id ?? this.defaultId);
    if (!engine) {
      throw new AppError('VALIDATION_FAILED', `Unknown engine "${id}". Available: ${[...this.engines.keys()].join(', ')}`, { field: 'engine' });
    }
    return engine;
  }

  async close(): Promise<void> {
    await Promise.all([...this.engines.values()].map((e) => e.close?.()));
  }

  list(): EngineCapabilities[] {
    return [...this.engines.values()].map((e) => e.describe());
  }
}
