/**
 * Generate mode: reads the references once per set, then renders the set's images one by one, streaming each to
 * the caller as soon as it is encoded. What the images share (palette, plan) is planned where each image is drawn:
 * on a render thread, the event loop only forwards a small request.
 */
import type { RenderContext, RenderJob, RenderResult } from './contract.js';
import { planScene, type ScenePlan } from './plan.js';
import { EngineInputError, isAbortError, throwIfAborted } from './errors.js';
import { buildPalette } from './palette.js';
import { analysePrompt, normaliseText } from './prompt.js';
import { analyseReferences, type ReferenceAnalysis } from './references.js';
import { renderImage, type RenderedImage } from './render.js';
import { hashParts, Rng } from './rng.js';
import { BUILTIN_STYLES, inBlackAndWhite, isBuiltinStyle, styleSpec, type BuiltinStyle } from './styles.js';

export const LIMITS = {
  minPixels: 4096,
  maxPixels: 16_777_216,
  maxSide: 4096,
  maxOutputs: 15,
  maxReferences: 10,
} as const;

/** Styles picked when a job names none and the prompt has no style word. */
const DEFAULT_STYLES: readonly BuiltinStyle[] = ['watercolor', 'flat', 'pastel', 'film', 'low-poly', 'ink', 'retro'];

export function validateGenerateJob(job: RenderJob): void {
  const { width, height, count } = job;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new EngineInputError('INVALID_SIZE', `Size must be whole pixels (got ${width}x${height})`);
  }
  if (width > LIMITS.maxSide || height > LIMITS.maxSide) {
    throw new EngineInputError('INVALID_SIZE', `Each side must be at most ${LIMITS.maxSide} pixels (got ${width}x${height})`);
  }
  const pixels = width * height;
  if (pixels < LIMITS.minPixels || pixels > LIMITS.maxPixels) {
    throw new EngineInputError('INVALID_SIZE', `The image must have between ${LIMITS.minPixels} and ${LIMITS.maxPixels} pixels (got ${width}x${height})`);
  }
  if (!Number.isInteger(count) || count < 1 || count > LIMITS.maxOutputs) {
    throw new EngineInputError('INVALID_JOB', `count must be a whole number from 1 to ${LIMITS.maxOutputs} (got ${count})`);
  }
  if (job.style !== undefined && job.style !== '' && !isBuiltinStyle(job.style)) {
    throw new EngineInputError('INVALID_STYLE', `Unknown style "${job.style}" (expected one of ${BUILTIN_STYLES.join(', ')})`);
  }
  if (job.references.length > LIMITS.maxReferences) {
    throw new EngineInputError('INVALID_JOB', `At most ${LIMITS.maxReferences} reference images are allowed`);
  }
  if (!Number.isFinite(job.seed)) throw new EngineInputError('INVALID_JOB', 'seed must be a finite number');
}

export interface PreparedSet {
  plan: ScenePlan;
  style: BuiltinStyle;
  setSeed: number;
  /** Seed of image `index`. Depends only on prompt, seed, style, aspect ratio and index. */
  imageSeed(index: number): number;
  referenceWash?: Buffer;
}

/** What the images of a set are drawn from: plain data, so it can cross to a render thread. */
export interface SetRequest {
  prompt: string;
  seed: number;
  style?: string;
  width: number;
  height: number;
  /** The references' analysis, made once per set where the reference images are read. */
  refs?: ReferenceAnalysis;
}

/** One image of a set. */
export interface SetImageRequest {
  set: SetRequest;
  index: number;
  watermark: boolean;
}

/** Everything the images of a set share. Deterministic in (prompt, seed, style, aspect ratio, references). */
export function planSet(job: SetRequest): PreparedSet {
  const promptKey = normaliseText(job.prompt);
  const info = analysePrompt(job.prompt);
  const seed = Math.trunc(job.seed);
  const style: BuiltinStyle = isBuiltinStyle(job.style)
    ? job.style
    : isBuiltinStyle(info.styleHint)
      ? info.styleHint
      : new Rng(hashParts('style', promptKey, seed)).pick(DEFAULT_STYLES);
  const spec = info.monochrome ? inBlackAndWhite(styleSpec(style)) : styleSpec(style);
  const setSeed = hashParts('set', promptKey, seed, style);
  const rng = new Rng(setSeed);
  const refs = job.refs;
  const palette = spec.palette(buildPalette({ info, rng: rng.fork('palette'), referenceColours: refs?.colours }));
  const plan = planScene(info, rng.fork('plan'), spec, palette, refs?.horizon);
  const aspect = (job.width / job.height).toFixed(3);
  return {
    plan,
    style,
    setSeed,
    imageSeed: (index: number) => hashParts('image', promptKey, seed, style, aspect, index),
    referenceWash: refs?.wash,
  };
}

/** Draws the images of a set: on render threads (RenderPool) or inline. */
export interface SetImageRenderer {
  render(request: SetImageRequest, signal?: AbortSignal): Promise<RenderedImage>;
}

/** Plans the set (a few hundred µs at most, repeated per image so that it runs off the event loop) and draws one image. */
export function drawSetImage(req: SetImageRequest, signal?: AbortSignal): Promise<RenderedImage> {
  const set = planSet(req.set);
  const { width, height } = req.set;
  return renderImage({
    plan: set.plan, width, height, imageSeed: set.imageSeed(req.index), setSeed: set.setSeed, watermark: req.watermark,
    referenceWash: set.referenceWash, signal,
  });
}

export async function runGenerate(job: RenderJob, ctx: RenderContext, renderer: SetImageRenderer): Promise<RenderResult> {
  validateGenerateJob(job);
  throwIfAborted(ctx.signal);
  const set: SetRequest = {
    prompt: job.prompt ?? '', seed: job.seed, style: job.style, width: job.width, height: job.height,
    refs: await analyseReferences(job.references),
  };
  const pending: number[] = [];
  for (let i = 0; i < job.count; i++) if (!job.doneIndexes.has(i)) pending.push(i);
  let completed = job.count - pending.length;
  ctx.onProgress(completed / job.count);

  const start = (index: number): Promise<RenderedImage> => {
    const promise = renderer.render({ set, index, watermark: job.watermark }, ctx.signal);
    // If the job is aborted while this render is in flight nobody awaits it: keep that rejection handled.
    promise.catch(() => undefined);
    return promise;
  };

  let rendered = 0;
  let failed = 0;
  // Render one image ahead: the next image is drawn while the caller stores the current one.
  let next = pending.length > 0 ? start(pending[0]) : undefined;
  for (let k = 0; k < pending.length; k++) {
    const index = pending[k];
    const current = next as Promise<RenderedImage>;
    throwIfAborted(ctx.signal);
    let image: RenderedImage | undefined;
    try {
      image = await current;
    } catch (error) {
      if (isAbortError(error)) throw error;
      failed++;
      throwIfAborted(ctx.signal);
      next = k + 1 < pending.length ? start(pending[k + 1]) : undefined;
      await ctx.onOutputError({ index, code: 'RENDER_FAILED', message: `The built-in renderer failed: ${(error as Error).message}` });
      completed++;
      ctx.onProgress(completed / job.count);
      continue;
    }
    throwIfAborted(ctx.signal);
    next = k + 1 < pending.length ? start(pending[k + 1]) : undefined;
    await ctx.onImage({ index, data: image.data, mime: image.mime, width: image.width, height: image.height });
    rendered++;
    completed++;
    ctx.onProgress(completed / job.count);
  }
  return { model: 'atelier-procedural-1', usage: { images: rendered, failed } };
}
