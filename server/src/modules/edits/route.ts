/**
 * Where an edit runs. Classic operations, and instructions the classic reader understands, are done by this module
 * whatever engine was chosen (any image, from any engine or upload). Anything else goes to the engine the person
 * chose, if it edits by instruction; otherwise the answer names the configured engines that could.
 */
import { EngineInputError } from '@atelier/engine-builtin';
import { EditPlanError, isEditPlanner, type EditPlan, type EngineCapabilities, type ImageEngine } from '../../engines/engine.js';
import { AppError } from '../../http/errors.js';
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
  | { kind: 'engine'; plan: EditPlan };

/** The engine's id that a classic edit records as its model. */
export const CLASSIC_EDIT_MODEL = 'atelier-classic-edit';

/** A classic edit is one planned into operations (engines edit by instruction only). */
export const isClassicEdit = (params: { operations?: unknown[] }): boolean => Array.isArray(params.operations) && params.operations.length > 0;

export function routeEdit(chosen: ImageEngine, configured: readonly EngineCapabilities[], input: EditRequest, source: Size): EditRoute {
  const instruction = input.instruction?.trim();
  const parsed: ParseResult | undefined = instruction ? parseInstruction(instruction) : undefined;
  if (input.operations !== undefined || !parsed || !('error' in parsed)) return classic(input, source);
  const caps = chosen.describe();
  if (caps.modes.includes('edit') && caps.neural) {
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

function classic(input: EditRequest, source: Size): EditRoute {
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

/** Engines that edit by instruction: a real model (the built-in engine edits classically only). */
function editingEngines(configured: readonly EngineCapabilities[]): string[] {
  return configured.filter((c) => c.neural && c.modes.includes('edit')).map((c) => c.id);
}

function whoCouldEdit(chosen: EngineCapabilities, configured: readonly EngineCapabilities[]): string {
  const able = configured.filter((c) => c.neural && c.modes.includes('edit'));
  if (able.length === 0) {
    return `${chosen.name} does only these classic edits, and no engine on this server edits by instruction: an administrator can configure one (Seedream, an OpenAI-compatible API, ComfyUI or Automatic1111).`;
  }
  return `${chosen.name} cannot do this; choose an engine that edits by instruction: ${able.map((c) => `${c.name} ("${c.id}")`).join(', ')}.`;
}
