import type { EditInput, GenerateInput } from '../generations/service.js';
import type { WorkflowStep } from './steps.js';

type GeneratingStep = Extract<WorkflowStep, { kind: 'generate' | 'edit' | 'operations' | 'upscale' }>;

/** A generate step (variables filled in) as the studio's generate request. */
export function generateInput(step: Extract<WorkflowStep, { kind: 'generate' }>): GenerateInput {
  const { kind: _kind, ...input } = step;
  return input;
}

/** An image step as an edit of `image` (the previous step's image, unless the step names its source). */
export function editInput(step: Exclude<GeneratingStep, { kind: 'generate' }>, image: string): EditInput {
  const assetId = step.source ?? image;
  switch (step.kind) {
    case 'edit': return { assetId, instruction: step.instruction, engine: step.engine };
    case 'operations': return { assetId, operations: step.operations };
    // With an engine, that engine's upscaler; without, the classic resize (every server has it).
    case 'upscale': return step.engine
      ? { assetId, tool: 'upscale', scale: step.scale, engine: step.engine }
      : { assetId, operations: [{ op: 'resize', scale: step.scale }] };
  }
}
