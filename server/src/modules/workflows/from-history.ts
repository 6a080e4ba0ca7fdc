import type { Generation } from '../../db/schema.js';
import type { GenerationParams } from '../generations/dto.js';
import type { WorkflowStep, WorkflowVariable } from './steps.js';

/**
 * "Save as workflow": a line of generations (the first one and the edits made from it) as steps. The first prompt
 * becomes `{{prompt}}` (its text the default); its references, if any, `{{reference}}`. Edits the steps cannot
 * express (inpaint with a painted mask, background removal) end the line.
 */
export function stepsFromHistory(line: readonly Generation[]): { steps: WorkflowStep[]; variables: WorkflowVariable[] } {
  const [first, ...edits] = line;
  const steps: WorkflowStep[] = [];
  const variables: WorkflowVariable[] = [];
  if (first && first.mode === 'generate') {
    const p = JSON.parse(first.params) as GenerationParams;
    variables.push({ name: 'prompt', label: 'Prompt', default: first.prompt });
    const references = p.references.length > 0 ? ['{{reference}}'] : undefined;
    if (references) variables.push({ name: 'reference', label: 'Reference image (asset id)', default: p.references[0] });
    steps.push(compact({
      kind: 'generate' as const, prompt: '{{prompt}}', engine: first.engine, size: p.size, aspectRatio: p.aspectRatio ?? undefined, count: p.count,
      seed: p.seed ?? undefined, style: p.style ?? undefined, references, negativePrompt: p.negativePrompt,
    }));
  } else if (first) {
    edits.unshift(first);
  }
  for (const g of edits) {
    const step = editStep(g, steps.length === 0);
    if (!step) break;
    steps.push(step);
  }
  return { steps, variables };
}

function editStep(g: Generation, first: boolean): WorkflowStep | undefined {
  const p = JSON.parse(g.params) as GenerationParams;
  // A line that starts with an edit starts from the image it edited.
  const source = first ? p.sourceAssetId : undefined;
  if (p.tool === 'upscale' && (p.scale === 2 || p.scale === 4)) return compact({ kind: 'upscale' as const, scale: p.scale as 2 | 4, engine: g.engine, source });
  if (p.tool && p.tool !== 'instruct') return undefined;
  if (p.instruction) return compact({ kind: 'edit' as const, instruction: p.instruction, source, engine: g.engine });
  if (p.operations?.length) return compact({ kind: 'operations' as const, operations: p.operations as Array<{ op: string }>, source });
  return undefined;
}

/** Drops the fields left undefined (the steps' schema has no room for them). */
const compact = <T extends object>(step: T): T => Object.fromEntries(Object.entries(step).filter(([, v]) => v !== undefined)) as T;
