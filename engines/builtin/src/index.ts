/**
 * Atelier's built-in renderer: an honest procedural painter (no neural network) that works fully offline and is
 * deterministic (the same job gives the same bytes). The server wraps it behind its `ImageEngine` seam.
 */
import type { RenderContext, RenderJob, RenderResult } from './contract.js';
import { runGenerate } from './generate.js';
import { RenderPool } from './render-pool.js';

export class BuiltinRenderer {
  private readonly pool: RenderPool;

  /** `renderThreads`: worker threads that draw images; 0 draws them on the calling thread. */
  constructor(opts: { renderThreads?: number } = {}) {
    this.pool = new RenderPool(opts.renderThreads ?? 0);
  }

  /** Draws the set's images not yet done, streaming each to `ctx.onImage` as soon as it is encoded. */
  run(job: RenderJob, ctx: RenderContext): Promise<RenderResult> {
    return runGenerate(job, ctx, this.pool);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export type { ReferenceImage, RenderContext, RenderJob, RenderOutput, RenderOutputError, RenderResult } from './contract.js';
export { LIMITS } from './generate.js';
export { BUILTIN_STYLES, isBuiltinStyle, type BuiltinStyle } from './styles.js';
export { EngineAbortError, EngineInputError, isAbortError, throwIfAborted } from './errors.js';
export { WATERMARK_TEXT, watermarkOverlay } from './watermark.js';
// Drawing primitives the server's classic edits share with the renderer.
export { luma, NAMED_COLOURS, parseColour, rgbHex, saturationMatrix } from './color.js';
export { escapeXml } from './svg.js';
export { Rng } from './rng.js';
