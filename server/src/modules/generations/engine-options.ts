import type { EditTool, EngineCapabilities, NamedWorkflow, SamplingControl, SamplingSettings } from '../../engines/engine.js';
import { AppError } from '../../http/errors.js';

const CONTROL_WORDS: Record<SamplingControl, string> = {
  negativePrompt: 'a negative prompt', steps: 'a step count', guidance: 'a guidance scale', sampler: 'a sampler choice',
  workflow: 'a workflow choice',
};

const TOOL_WORDS: Record<EditTool, string> = {
  instruct: 'edit by instruction', inpaint: 'inpaint with a mask', upscale: 'upscale', removeBackground: 'remove backgrounds',
};

/**
 * The diffusion settings asked for, refused when the engine does not take them (Create only shows those it does);
 * a workflow must be one of the engine's for `tool`.
 */
export function samplingFor(caps: EngineCapabilities, input: SamplingSettings, tool: NamedWorkflow['tool']): SamplingSettings {
  const controls = caps.controls ?? [];
  for (const key of Object.keys(CONTROL_WORDS) as SamplingControl[]) {
    if (input[key] !== undefined && !controls.includes(key)) {
      throw new AppError('VALIDATION_FAILED', `${caps.name} does not take ${CONTROL_WORDS[key]}.`, { field: key });
    }
  }
  if (input.sampler !== undefined && caps.samplers?.length && !caps.samplers.includes(input.sampler)) {
    throw new AppError('VALIDATION_FAILED', `${caps.name} has no sampler "${input.sampler}". Samplers: ${caps.samplers.join(', ')}.`, { field: 'sampler' });
  }
  const names = (caps.workflows ?? []).filter((w) => w.tool === tool).map((w) => w.name);
  if (input.workflow !== undefined && !names.includes(input.workflow)) {
    throw new AppError('VALIDATION_FAILED', names.length ? `${caps.name} has no ${tool} workflow "${input.workflow}". Workflows: ${names.join(', ')}.`
      : `${caps.name} offers no choice of ${tool} workflow.`, { field: 'workflow' });
  }
  const { negativePrompt, steps, guidance, sampler, workflow } = input;
  return Object.fromEntries(Object.entries({ negativePrompt, steps, guidance, sampler, workflow }).filter(([, v]) => v !== undefined));
}

export const toolsOf = (caps: EngineCapabilities): EditTool[] => caps.tools ?? (caps.modes.includes('edit') ? ['instruct'] : []);

/** Upscale and background removal need no words; instruction edits and inpainting do. */
export const toolNeedsWords = (tool: EditTool) => tool === 'instruct' || tool === 'inpaint';

/**
 * The edit tool asked for, checked against the engine: a tool it does not offer is refused with the engines that do;
 * inpainting needs a mask and only inpainting takes one; only upscaling takes a scale.
 */
export function editToolFor(caps: EngineCapabilities, all: EngineCapabilities[], input: { tool?: EditTool; mask?: string; scale?: number }) {
  const tool = input.tool ?? (input.mask ? 'inpaint' : 'instruct');
  if (!toolsOf(caps).includes(tool)) {
    const others = all.filter((e) => toolsOf(e).includes(tool)).map((e) => e.name);
    throw new AppError('VALIDATION_FAILED', `${caps.name} cannot ${TOOL_WORDS[tool]}. ` +
      (others.length ? `Engines that can: ${others.join(', ')}.` : 'No engine on this server can.'), { field: 'tool' });
  }
  if (tool === 'inpaint' && !input.mask) {
    throw new AppError('VALIDATION_FAILED', 'Inpainting needs a mask: paint the area to change.', { field: 'mask' });
  }
  if (tool !== 'inpaint' && input.mask) {
    throw new AppError('VALIDATION_FAILED', 'Only inpainting takes a mask.', { field: 'mask' });
  }
  if (input.scale !== undefined && (tool !== 'upscale' || !(caps.upscaleFactors ?? []).includes(input.scale))) {
    throw new AppError('VALIDATION_FAILED', tool === 'upscale'
      ? `${caps.name} upscales by ${(caps.upscaleFactors ?? []).join('× or ')}×.` : 'Only upscaling takes a scale.', { field: 'scale' });
  }
  return { tool, scale: tool === 'upscale' ? input.scale ?? 2 : undefined };
}
