import type { EditTool } from '../engine.js';
import { chooseUpscaler, type Discovery } from '../local/engine.js';
import { classesOf, type Workflows, type WorkflowTemplate } from './workflows.js';

/** GET /object_info: every node class with its inputs; a choice input is `[[choices...], {options}]`. */
export type ObjectInfo = Record<string, { input?: { required?: Record<string, unknown[]> } }>;

const choices = (info: ObjectInfo, node: string, input: string): string[] => {
  const spec = info[node]?.input?.required?.[input];
  return Array.isArray(spec) && Array.isArray(spec[0]) ? spec[0].filter((c): c is string => typeof c === 'string') : [];
};

/** A generation takes a reference where a usable image-to-image workflow has a slot for one (its LoadImage). */
export const referenceSlots = (templates: WorkflowTemplate[]) => (templates.some((t) => t.tool === 'instruct' && t.slots.reference) ? 1 : 0);

/**
 * What this ComfyUI can do with our workflows: a workflow counts only where every node class it uses is installed,
 * a diffusion workflow only with a checkpoint, and the upscale workflow only with its upscale model (the configured
 * one, else the first).
 */
export function capabilitiesFrom(info: ObjectInfo, workflows: Workflows, upscaleModel?: string): Discovery {
  const models = choices(info, 'CheckpointLoaderSimple', 'ckpt_name');
  const upscalers = choices(info, 'UpscaleModelLoader', 'model_name');
  const chosen = chooseUpscaler('ComfyUI', upscalers, upscaleModel, 'ATELIER_COMFYUI_UPSCALE_MODEL');
  const runs = (t: WorkflowTemplate) => classesOf(t).every((c) => info[c])
    && (!t.slots.checkpoint || models.length > 0) && (!t.slots.upscaleModel || chosen.upscaler !== undefined);
  // A tool is offered when its default workflow runs; the others of the tool are offered by name beside it.
  const usable = workflows.all.filter((t) => runs(t) && runs(workflows.defaultFor(t.tool)!));
  const defaults = usable.filter((t) => workflows.isDefault(t));
  const choosable = usable.filter((t) => usable.some((o) => o.tool === t.tool && o !== t));
  return {
    models,
    samplers: choices(info, 'KSampler', 'sampler_name'),
    upscalers,
    ...chosen,
    tools: defaults.map((t) => t.tool).filter((t): t is EditTool => t !== 'generate'),
    generates: defaults.some((t) => t.tool === 'generate'),
    references: referenceSlots(defaults),
    workflows: choosable.map((t) => ({ name: t.name, tool: t.tool, default: workflows.isDefault(t) })),
  };
}
