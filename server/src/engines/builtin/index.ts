/**
 * The built-in engine: the procedural renderer of `@atelier/engine-builtin` (no neural network, works offline,
 * deterministic) behind the `ImageEngine` seam, with the classic edits of modules/edits for edit mode.
 */
import { BUILTIN_STYLES, BuiltinRenderer, LIMITS } from '@atelier/engine-builtin';
import { planClassicEdit } from '../../modules/edits/plan-edit.js';
import { runClassicEdit } from '../../modules/edits/classic-edit.js';
import type { EditPlan, EditPlanner, EngineCapabilities, EngineContext, EngineJob, EngineResult, ImageEngine } from '../engine.js';

export class BuiltinEngine implements ImageEngine, EditPlanner {
  readonly id = 'builtin';
  private readonly renderer: BuiltinRenderer;

  /** `renderThreads`: worker threads that draw images; 0 draws them on the calling thread. */
  constructor(opts: { renderThreads?: number } = {}) {
    this.renderer = new BuiltinRenderer(opts);
  }

  describe(): EngineCapabilities {
    return {
      id: this.id,
      name: 'Atelier built-in (procedural)',
      description:
        'Procedural renderer that works offline — not an AI model. It paints stylised scenes (skies, mountains, sea, cities, ' +
        'forests, flowers, waterfalls, reefs, fish and whales under the sea, rainbows, dragons, snowmen, Christmas trees, houses, castles, towers, windmills, lighthouses, bridges, roads, cars, trains, balloons, ' +
        'people (under umbrellas, in the colours you name), astronauts on the moon, horses and riders, cows, sheep, deer, cats, dogs, foxes, still lifes of cups, vases, fruit, candles, books and wine, portraits in silhouette, abstract shapes…) ' +
        'from the words of the prompt (English or Chinese), and applies classic photo edits.',
      neural: false,
      modes: ['generate', 'edit'],
      maxReferences: LIMITS.maxReferences,
      maxOutputs: LIMITS.maxOutputs,
      sizePresets: ['1K', '2K', '4K'],
      minPixels: LIMITS.minPixels,
      maxPixels: LIMITS.maxPixels,
      maxSide: LIMITS.maxSide,
      seed: true,
      styles: [...BUILTIN_STYLES],
      streaming: true,
      watermark: true,
    };
  }

  planEdit(input: { instruction?: string; operations?: unknown }): EditPlan {
    return planClassicEdit(input);
  }

  run(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
    return job.mode === 'edit' ? runClassicEdit(job, ctx) : this.renderer.run(job, ctx);
  }

  close(): Promise<void> {
    return this.renderer.close();
  }
}
