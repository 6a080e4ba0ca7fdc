import { Type } from '@sinclair/typebox';
import { Nullable } from '../http/schema-types.js';

export const EngineModeSchema = Type.Union([Type.Literal('generate'), Type.Literal('edit')]);

/** What an edit asks for: a change in words, a repaint of the masked area, a larger copy, the subject cut out. */
export const EditToolSchema = Type.Union([
  Type.Literal('instruct'), Type.Literal('inpaint'), Type.Literal('upscale'), Type.Literal('removeBackground'),
]);

/** Diffusion settings an engine may take besides the prompt (Create shows those the engine lists). */
export const SamplingControlSchema = Type.Union([
  Type.Literal('negativePrompt'), Type.Literal('steps'), Type.Literal('guidance'), Type.Literal('sampler'), Type.Literal('workflow'),
]);

/** One of an engine's workflows (ComfyUI): where a tool has several, a request names one with `workflow`. */
export const NamedWorkflowSchema = Type.Object({
  name: Type.String(),
  tool: Type.Union([Type.Literal('generate'), EditToolSchema], { description: "What it does: 'generate', or the edit tool it runs" }),
  default: Type.Boolean({ description: 'The one a request that names none runs' }),
});

/** What an engine can do, as GET /api/v1/engines lists it (the studio builds its controls from this). */
export const EngineCapabilitiesSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  neural: Type.Boolean({ description: 'True for a real generative model; false for the procedural built-in renderer' }),
  modes: Type.Array(EngineModeSchema),
  maxReferences: Type.Integer(),
  maxOutputs: Type.Integer(),
  sizePresets: Type.Array(Type.String(), { description: "Size presets the engine accepts ('1K', '2K', '4K')" }),
  minPixels: Type.Integer({ description: 'Bounds for explicit WxH sizes' }),
  maxPixels: Type.Integer(),
  maxSide: Type.Integer(),
  seed: Type.Boolean(),
  styles: Type.Array(Type.String()),
  streaming: Type.Boolean(),
  watermark: Type.Boolean(),
  defaultSize: Type.Optional(Type.String({ description: "Size used when a request names none ('1K' unless the model needs more)" })),
  model: Type.Optional(Type.String({ description: 'The provider model this engine is configured with (provider engines only)' })),
  tools: Type.Optional(Type.Array(EditToolSchema, { description: "Edit tools the engine offers (absent: 'instruct' when it edits)" })),
  upscaleFactors: Type.Optional(Type.Array(Type.Integer(), { description: 'Factors the upscale tool takes' })),
  controls: Type.Optional(Type.Array(SamplingControlSchema, { description: 'Diffusion settings the engine takes' })),
  samplers: Type.Optional(Type.Array(Type.String(), { description: "Sampler names the 'sampler' control accepts" })),
  workflows: Type.Optional(Type.Array(NamedWorkflowSchema, { description: "Workflows the 'workflow' control accepts, for the tools that have several" })),
});

export const EngineListSchema = Type.Object({
  default: Type.String({ description: 'The engine used when a request names none' }),
  items: Type.Array(EngineCapabilitiesSchema),
});

export const EngineHealthReportSchema = Type.Object({
  calls: Type.Integer({ description: 'Calls in the last 24 hours' }),
  errors: Type.Integer(),
  refusals: Type.Integer({ description: 'Safety refusals (not engine errors)' }),
  errorRate: Type.Number({ description: 'errors / calls over the last 24 hours (0 without calls)' }),
  lastSuccessAt: Nullable(Type.String({ format: 'date-time' })),
  lastError: Nullable(Type.Object({
    at: Type.String({ format: 'date-time' }),
    code: Nullable(Type.String()),
    httpStatus: Nullable(Type.Integer()),
    detail: Nullable(Type.String()),
  })),
});

export const AdminEngineListSchema = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(),
    name: Type.String(),
    model: Nullable(Type.String()),
    neural: Type.Boolean(),
    health: EngineHealthReportSchema,
  })),
});
