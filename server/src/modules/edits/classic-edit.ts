/** Edit mode: resolve the operations (structured or from the instruction) and apply them to the source image. */
import { EngineInputError, throwIfAborted } from '@atelier/engine-builtin';
import type { EngineContext, EngineJob, EngineResult } from '../../engines/engine.js';
import { applyOperations, validateOperations, type EditOperation } from './edit-ops.js';
import { parseInstruction } from './instruction-parser.js';
import { CLASSIC_EDIT_MODEL } from './route.js';

export const EDIT_WATERMARK_TEXT = 'Atelier · edited';

export function resolveOperations(job: Pick<EngineJob, 'operations' | 'instruction'>): EditOperation[] {
  if (job.operations && job.operations.length > 0) return validateOperations(job.operations);
  if (job.instruction && job.instruction.trim()) {
    const parsed = parseInstruction(job.instruction);
    if ('error' in parsed) throw new EngineInputError('INVALID_INSTRUCTION', parsed.error);
    return parsed.operations;
  }
  throw new EngineInputError('INVALID_OPERATIONS', 'An edit needs operations or an instruction');
}

export async function runClassicEdit(job: EngineJob, ctx: EngineContext): Promise<EngineResult> {
  if (!job.source) throw new EngineInputError('INVALID_JOB', 'An edit needs a source image');
  const operations = resolveOperations(job);
  throwIfAborted(ctx.signal);
  if (job.doneIndexes.has(0)) {
    ctx.onProgress(1);
    return { model: CLASSIC_EDIT_MODEL, usage: { images: 0, operations: operations.length } };
  }
  ctx.onProgress(0);
  const result = await applyOperations(job.source.data, operations, { signal: ctx.signal, watermark: job.watermark, watermarkText: EDIT_WATERMARK_TEXT });
  throwIfAborted(ctx.signal);
  await ctx.onImage({ index: 0, data: result.data, mime: result.mime, width: result.width, height: result.height });
  ctx.onProgress(1);
  return { model: CLASSIC_EDIT_MODEL, usage: { images: 1, operations: operations.length } };
}
