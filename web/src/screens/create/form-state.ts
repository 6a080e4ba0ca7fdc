import type { EngineCapabilities, GenerationParams } from '../../api/types';
import type { GenerateRequest } from '../../api/generations';
import { workflowFor, type WorkflowTool } from './workflow-choice';

/** A reference image chosen for the next generation (uploaded or picked from the gallery). */
export interface ReferenceImage {
  id: string;
  thumbnail: string;
  name?: string;
  /** An upload the image check has not looked at yet: it cannot be sent until it has. */
  checking?: boolean;
}

export type SizeMode = 'preset' | 'custom';

/** Everything the Create form holds. Numbers the person types stay strings until they are sent. */
export interface CreateForm {
  prompt: string;
  engineId: string;
  sizeMode: SizeMode;
  preset: string;
  aspectRatio: string;
  width: number;
  height: number;
  /** '' means a fresh random seed on every run. */
  seed: string;
  count: number;
  /** '' means the engine picks (or reads a style word from the prompt). */
  style: string;
  watermark: boolean;
  references: ReferenceImage[];
  /** Diffusion settings, sent only to engines that list them; '' leaves the engine's default. */
  negativePrompt: string;
  steps: string;
  guidance: string;
  sampler: string;
  /** One of the engine's workflows (an operator's own ComfyUI workflow); '' runs its default. */
  workflow: string;
}

export const ASPECT_RATIOS = ['1:1', '4:3', '3:4', '3:2', '2:3', '16:9', '9:16', '21:9'] as const;
export const MAX_SEED = 2_147_483_647;

export function emptyForm(engineId = '', watermarkByDefault = false): CreateForm {
  return {
    prompt: '',
    engineId,
    sizeMode: 'preset',
    preset: '1K',
    aspectRatio: '1:1',
    width: 1024,
    height: 1024,
    seed: '',
    count: 1,
    style: '',
    watermark: watermarkByDefault,
    references: [],
    negativePrompt: '',
    steps: '',
    guidance: '',
    sampler: '',
    workflow: '',
  };
}

export const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** Keeps an explicit W×H inside the engine's bounds (each side ≤ maxSide, pixels within min..max), ratio kept. */
export function clampSize(width: number, height: number, caps: Pick<EngineCapabilities, 'minPixels' | 'maxPixels' | 'maxSide'>): { width: number; height: number } {
  let w = Math.max(1, Math.round(Number.isFinite(width) ? width : 1024));
  let h = Math.max(1, Math.round(Number.isFinite(height) ? height : 1024));
  const side = Math.min(1, caps.maxSide / w, caps.maxSide / h);
  w = Math.floor(w * side);
  h = Math.floor(h * side);
  if (w * h > caps.maxPixels) {
    const k = Math.sqrt(caps.maxPixels / (w * h));
    w = Math.floor(w * k);
    h = Math.floor(h * k);
  }
  if (w * h < caps.minPixels) {
    const k = Math.sqrt(caps.minPixels / (w * h));
    w = Math.min(caps.maxSide, Math.ceil(w * k));
    h = Math.min(caps.maxSide, Math.ceil(h * k));
  }
  return { width: Math.max(1, w), height: Math.max(1, h) };
}

export interface FitResult {
  form: CreateForm;
  /** References that no longer fit the engine's maximum and were taken off. */
  droppedReferences: number;
}

/** Adapts the form to an engine: every value the engine cannot take is clamped, replaced or cleared. */
export function fitToEngine(form: CreateForm, caps: EngineCapabilities): FitResult {
  const presets = caps.sizePresets;
  const sizeMode: SizeMode = presets.length === 0 ? 'custom' : form.sizeMode;
  const preset = presets.includes(form.preset) ? form.preset : (presets[0] ?? form.preset);
  const { width, height } = clampSize(form.width, form.height, caps);
  const maxRefs = Math.max(0, caps.maxReferences);
  const references = form.references.slice(0, maxRefs);
  return {
    form: {
      ...form,
      engineId: caps.id,
      sizeMode,
      preset,
      width,
      height,
      count: clamp(Math.round(form.count) || 1, 1, Math.max(1, caps.maxOutputs)),
      seed: caps.seed ? form.seed : '',
      style: caps.styles.includes(form.style) ? form.style : '',
      watermark: caps.watermark ? form.watermark : false,
      references,
      sampler: caps.samplers?.includes(form.sampler) ? form.sampler : '',
      workflow: workflowFor(caps, workflowTool(form), form.workflow) ?? '',
    },
    droppedReferences: form.references.length - references.length,
  };
}

/** Parses the seed box: a whole number in range, or undefined (random); NaN when it is not a valid seed. */
export function parseSeed(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+$/.test(trimmed)) return NaN;
  const n = Number(trimmed);
  return n <= MAX_SEED ? n : NaN;
}

export const randomSeed = () => Math.floor(Math.random() * MAX_SEED);

const PRESET_SIDES: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

/** The pixels a request will make (a preset with an aspect ratio keeps about its pixel count), for its cost. */
export function requestedPixels(form: CreateForm, caps: EngineCapabilities): { width: number; height: number } {
  if (form.sizeMode === 'preset' && caps.sizePresets.length) {
    const side = PRESET_SIDES[form.preset.toUpperCase()] ?? 1024;
    return { width: side, height: side };
  }
  return { width: form.width, height: form.height };
}

/** The body of POST /generations for this form and engine; only what the engine supports is sent. */
export function toRequest(form: CreateForm, caps: EngineCapabilities): GenerateRequest {
  const body: GenerateRequest = { prompt: form.prompt.trim(), engine: caps.id, count: form.count };
  if (form.sizeMode === 'preset' && caps.sizePresets.length) {
    body.size = form.preset;
    if (form.aspectRatio !== '1:1') body.aspectRatio = form.aspectRatio;
  } else {
    body.size = `${form.width}x${form.height}`;
  }
  const seed = caps.seed ? parseSeed(form.seed) : undefined;
  if (seed !== undefined && !Number.isNaN(seed)) body.seed = seed;
  if (form.style && caps.styles.includes(form.style)) body.style = form.style;
  if (caps.watermark) body.watermark = form.watermark;
  if (form.references.length && caps.maxReferences > 0) body.references = form.references.slice(0, caps.maxReferences).map((r) => r.id);
  return { ...body, ...samplingRequest(form, caps) };
}

/** Steps 1–150 and guidance 0–30, as the server takes them. */
export const STEPS = { min: 1, max: 150 } as const;
export const GUIDANCE = { min: 0, max: 30 } as const;

/** The diffusion settings filled in that the engine takes; a number out of range is left to the engine's default. */
type SamplingRequest = Pick<GenerateRequest, 'negativePrompt' | 'steps' | 'guidance' | 'sampler' | 'workflow'>;

/** A set made from a reference image runs the engine's image-to-image workflow. */
export const workflowTool = (form: Pick<CreateForm, 'references'>): WorkflowTool => (form.references.length > 0 ? 'instruct' : 'generate');

export function samplingRequest(form: CreateForm, caps: EngineCapabilities): SamplingRequest {
  const controls = caps.controls ?? [];
  const out: SamplingRequest = {};
  const steps = Number(form.steps);
  const guidance = Number(form.guidance);
  if (controls.includes('negativePrompt') && form.negativePrompt.trim()) out.negativePrompt = form.negativePrompt.trim();
  if (controls.includes('steps') && form.steps.trim() && Number.isInteger(steps) && steps >= STEPS.min && steps <= STEPS.max) out.steps = steps;
  if (controls.includes('guidance') && form.guidance.trim() && guidance >= GUIDANCE.min && guidance <= GUIDANCE.max) out.guidance = guidance;
  if (controls.includes('sampler') && form.sampler && (caps.samplers ?? []).includes(form.sampler)) out.sampler = form.sampler;
  const workflow = workflowFor(caps, workflowTool(form), form.workflow);
  if (workflow) out.workflow = workflow;
  return out;
}

/** Loads a generation's prompt and parameters into the form ("remix"). */
export function fromParams(
  base: CreateForm,
  input: { prompt?: string; engine?: string; params?: Partial<GenerationParams> },
  thumbnailOf: (id: string) => string,
): CreateForm {
  const p = input.params ?? {};
  const next: CreateForm = { ...base, prompt: input.prompt ?? base.prompt, engineId: input.engine ?? base.engineId };
  const size = p.size ?? '';
  if (/^[124]K$/i.test(size)) {
    next.sizeMode = 'preset';
    next.preset = size.toUpperCase();
    next.aspectRatio = p.aspectRatio ?? '1:1';
  } else if (p.width && p.height) {
    next.sizeMode = 'custom';
    next.width = p.width;
    next.height = p.height;
  }
  if (p.seed !== undefined) next.seed = p.seed === null ? '' : String(p.seed);
  if (p.count) next.count = p.count;
  if (p.style !== undefined) next.style = p.style ?? '';
  if (p.watermark !== undefined) next.watermark = p.watermark;
  if (p.references?.length) next.references = p.references.map((id) => ({ id, thumbnail: thumbnailOf(id) }));
  if (p.negativePrompt !== undefined) next.negativePrompt = p.negativePrompt;
  if (p.steps !== undefined) next.steps = String(p.steps);
  if (p.guidance !== undefined) next.guidance = String(p.guidance);
  if (p.sampler !== undefined) next.sampler = p.sampler;
  if (p.workflow !== undefined) next.workflow = p.workflow;
  return next;
}
