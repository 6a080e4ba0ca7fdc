/**
 * The built-in engine: an honest procedural renderer (no neural network) plus a sharp-based photo editor.
 * It works fully offline and is deterministic: the same job gives the same bytes.
 */
import type { EditPlan, EditPlanner, EngineCapabilities, EngineContext, EngineJob, EngineResult, ImageEngine } from '../engine.js';
import { runEdit } from './edit.js';
import { planBuiltinEdit } from './plan-edit.js';
import { LIMITS, runGenerate } from './generate.js';
import { RenderPool } from './render-pool.js';
import { BUILTIN_STYLES } from './styles.js';

export class BuiltinEngine implements ImageEngine, EditPlanner {
  readonly id = 'builtin';
  private readonly renderer: RenderPool;

  /** `renderThreads`: worker threads that draw images; 0 draws them on the calling thread. */
  constructor(opts: { renderThreads?: number } = {}) {
    this.renderer = new RenderPool(opts.renderThreads ?? 0);
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
    return planBuiltinEdit(input);
  }

  run(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
    return job.mode === 'edit' ? runEdit(job, ctx) : runGenerate(job, ctx, this.renderer);
  }

  close(): Promise<void> {
    return this.renderer.close();
  }
}

export { BUILTIN_STYLES, isBuiltinStyle, type BuiltinStyle } from './styles.js';
export {
  applyOperations,
  validateOperations,
  EDIT_OPERATION_NAMES,
  type EditOperation,
  type EditOperationName,
  type EditResult,
} from './edit-ops.js';
export { parseInstruction, UNDERSTOOD_INSTRUCTIONS, type ParseResult } from './instruction-parser.js';
export { EngineAbortError, EngineInputError, isAbortError } from './errors.js';
export { WATERMARK_TEXT } from './watermark.js';
