import { Type } from '@sinclair/typebox';
import type { GenerationParams } from './dto.js';
import type { PlannedGeneration } from './service.js';

/**
 * What the credit cost of a request depends on (common/credit-cost.ts): the engine, the size and how many images.
 * The studio is told these for what a batch file or a workflow run would queue, and prices them with the plan's
 * rule before the person sends it.
 */
export const CostShapeSchema = Type.Object({
  engine: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  count: Type.Integer(),
});
export type CostShape = { engine: string; width: number; height: number; count: number };

export const CostShapes = Type.Object({
  requests: Type.Array(CostShapeSchema, { description: 'Each generation it would queue; priced by your plan (GET /me/billing) with the rule of common/credit-cost' }),
});

export const costShapeOf = (plan: PlannedGeneration): CostShape =>
  ({ engine: plan.engine.id, ...pricedSize(plan.params), count: plan.params.count });

/** The size a request is priced at: an upscale by the size it makes, not the size of its source. */
export function pricedSize(p: GenerationParams): { width: number; height: number } {
  if (p.tool !== 'upscale') return { width: p.width, height: p.height };
  // "Upscale to 4K": the upscaler's image is brought to this longer side, the shape kept.
  const factor = p.upscaleTo ? p.upscaleTo / Math.max(p.width, p.height) : p.scale ?? 2;
  return { width: Math.round(p.width * factor), height: Math.round(p.height * factor) };
}

