/**
 * Where an edit runs. Classic operations, and instructions the classic reader understands, are done by this module
 * whatever engine was chosen (any image, from any engine or upload). Anything else goes to the engine the person
 * chose, if it edits by instruction; otherwise the answer names the configured engines that could.
 */
import { EngineInputError } from '@atelier/engine-builtin';
import { EditPlanError, isEditPlanner, type EditPlan, type EngineCapabilities, type ImageEngine } from '../../engines/engine.js';
import { AppError } from '../../http/errors.js';
import { toolsOf } from '../generations/engine-options.js';
import { checkChain, type Size } from './edit-geometry.js';
import type { EditOperation } from './edit-operation.js';
import { parseInstruction, type ParseResult } from './instruction-parser.js';
import { planClassicEdit } from './plan-edit.js';

export interface EditRequest {
  instruction?: string;
  operations?: unknown;
}

export type EditRoute =
  | { kind: 'classic'; plan: EditPlan & { operations: EditOperation[] } }
  | { kind: 'engine'; plan: EditPlan }
  /** An enlargement the classic reader understood, done by an engine's upscaler: `scale`, then resized to `longSide`. */
  | { kind: 'upscale'; engine: string; scale: number; longSide: number; plan: EditPlan };

/** The engine's id that a classic edit records as its model. */
export const CLASSIC_EDIT_MODEL = 'atelier-classic-edit';

/** A classic edit is one planned into operations (engines edit by instruction only). */
export const isClassicEdit = (params: { operations?: unknown[] }): boolean => Array.isArray(params.operations) && params.operations.length > 0;

export function routeEdit(chosen: ImageEngine, configured: readonly EngineCapabilities[], input: EditRequest, source: Size): EditRoute {
  const instruction = input.instruction?.trim();
  const parsed: ParseResult | undefined = instruction ? parseInstruction(instruction) : undefined;
  if (input.operations !== undefined || !parsed || !('error' in parsed)) {
    const route = classic(input, source);
    return (input.operations === undefined && upscaleByEngine(route.plan, chosen.describe(), configured, source)) || route;
  }
  const caps = chosen.describe();
  if (editsByInstruction(caps)) {
    if (!isEditPlanner(chosen)) return { kind: 'engine', plan: { instruction, summary: instruction! } };
    try {
      return { kind: 'engine', plan: chosen.planEdit({ instruction }) };
    } catch (err) {
      if (!(err instanceof EditPlanError)) throw err;
      throw new AppError('INVALID_INSTRUCTION', err.message, { understood: err.understood, engines: editingEngines(configured) });
    }
  }
  throw new AppError('INVALID_INSTRUCTION', `${parsed.error} ${whoCouldEdit(caps, configured)}`, {
    understood: parsed.understood, engines: editingEngines(configured),
  });
}

function classic(input: EditRequest, source: Size): Extract<EditRoute, { kind: 'classic' }> {
  let plan: EditPlan;
  try {
    plan = planClassicEdit(input);
  } catch (err) {
    if (err instanceof EditPlanError) throw new AppError('INVALID_INSTRUCTION', err.message, { understood: err.understood });
    throw err;
  }
  const operations = plan.operations ?? [];
  try {
    checkChain(operations, source);
  } catch (err) {
    if (err instanceof EngineInputError) throw new AppError('INVALID_OPERATIONS', err.message, { field: 'operations' });
    throw err;
  }
  return { kind: 'classic', plan: { ...plan, operations } };
}

/**
 * "Upscale to 4K", "upscale 2x": an enlargement that keeps the shape goes to an engine's upscaler when one is
 * configured (the chosen engine's first), with the smallest factor that reaches the size asked for (or its largest);
 * its result is then resized to that size exactly. Without an upscaler it stays a classic resize.
 */
function upscaleByEngine(plan: EditPlan & { operations: EditOperation[] }, chosen: EngineCapabilities, configured: readonly EngineCapabilities[],
  source: Size): EditRoute | undefined {
  const [op, ...rest] = plan.operations;
  if (rest.length > 0 || op?.op !== 'resize' || op.width !== undefined || op.height !== undefined) return undefined;
  const longest = Math.max(source.width, source.height);
  const longSide = op.longSide ?? Math.round(longest * (op.scale ?? 1));
  if (longSide <= longest) return undefined;
  const engine = [chosen, ...configured].find((c) => toolsOf(c).includes('upscale') && (c.upscaleFactors ?? []).length > 0);
  if (!engine) return undefined;
  const factors = [...engine.upscaleFactors!].sort((a, b) => a - b);
  const scale = factors.find((f) => longest * f >= longSide) ?? factors.at(-1)!;
  return { kind: 'upscale', engine: engine.id, scale, longSide, plan: { instruction: plan.instruction, summary: plan.summary } };
}

/**
 * A real model (the built-in engine edits classically only) whose instruction tool can run now: a local engine
 * whose image-to-image workflow lacks nodes or a checkpoint does not offer it, and would only fail once queued.
 */
const editsByInstruction = (c: EngineCapabilities) => c.neural && toolsOf(c).includes('instruct');

function editingEngines(configured: readonly EngineCapabilities[]): string[] {
  return configured.filter(editsByInstruction).map((c) => c.id);
}

function whoCouldEdit(chosen: EngineCapabilities, configured: readonly EngineCapabilities[]): string {
  const able = configured.filter(editsByInstruction);
  const cannot = chosen.neural ? `${chosen.name} cannot edit by instruction on this server` : `${chosen.name} does only these classic edits`;
  if (able.length === 0) {
    return `${cannot}, and no engine on this server edits by instruction: an administrator can configure one (Seedream, an OpenAI-compatible API, ComfyUI or Automatic1111).`;
  }
  return `${chosen.neural ? cannot : `${chosen.name} cannot do this`}; choose an engine that edits by instruction: ${able.map((c) => `${c.name} ("${c.id}")`).join(', ')}.`;
}
