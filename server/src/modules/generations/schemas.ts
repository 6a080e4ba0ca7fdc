import { Type, type Static } from '@sinclair/typebox';
import { EditToolSchema, EngineModeSchema } from '../../engines/schemas.js';
import { EditOperationSchema } from '../edits/edit-operation.js';
import { ErrorDetail, Nullable, TotalAccuracySchema } from '../../http/schema-types.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const GenerationStatusSchema = Type.Union([
  Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'),
  Type.Literal('partial'), Type.Literal('failed'), Type.Literal('canceled'),
]);
/** A generation's mode is the engine mode it runs in. */
export const GenerationModeSchema = EngineModeSchema;

const WorkflowField = Type.String({ minLength: 1, maxLength: 80, description: "One of the engine's workflows for the job (capabilities' `workflows`)" });

/** Diffusion settings, taken by engines that list them in their capabilities' `controls`. */
const SamplingFields = {
  negativePrompt: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'What the image should not show' })),
  steps: Type.Optional(Type.Integer({ minimum: 1, maximum: 150, description: 'Sampling steps' })),
  guidance: Type.Optional(Type.Number({ minimum: 0, maximum: 30, description: 'How closely to follow the prompt (CFG scale)' })),
  sampler: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: "One of the engine's samplers" })),
  workflow: Type.Optional(WorkflowField),
};

export const GenerateBody = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 4000, description: 'What to make' }),
    engine: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    size: Type.Optional(Type.String({ pattern: '^(1K|2K|4K|[0-9]{2,5}[xX×][0-9]{2,5})$', description: '1K, 2K, 4K or WxH' })),
    aspectRatio: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}:[0-9]{1,2}$', description: 'With a preset size, e.g. 16:9' })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 15, description: 'Images in a consistent set' })),
    references: Type.Optional(Type.Array(Id, { maxItems: 10, description: 'Asset ids of your reference images' })),
    style: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    watermark: Type.Optional(Type.Boolean()),
    ...SamplingFields,
  },
  { additionalProperties: false },
);

export const EditBody = Type.Object(
  {
    assetId: Id,
    instruction: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    operations: Type.Optional(Type.Array(EditOperationSchema, { maxItems: 20, description: 'Classic edits, applied in order' })),
    engine: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    tool: Type.Optional(EditToolSchema),
    mask: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Inpaint: asset id of a PNG mask, white where to repaint' })),
    scale: Type.Optional(Type.Union([Type.Literal(2), Type.Literal(4)], { description: 'Upscale: the factor' })),
    workflow: Type.Optional(WorkflowField),
  },
  { additionalProperties: false },
);

export const GenerationIdParams = Type.Object({ id: Id });

export const HistoryQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(GenerationStatusSchema),
    engine: Type.Optional(Type.String({ maxLength: 40 })),
    mode: Type.Optional(GenerationModeSchema),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const GenerationParamsSchema = Type.Object({
  size: Type.String({ description: 'The size as asked: a preset (1K, 2K, 4K) or WxH' }),
  width: Type.Integer(),
  height: Type.Integer(),
  seed: Nullable(Type.Integer({ description: 'The seed asked for; null: a fresh one on every run' })),
  resolvedSeed: Type.Integer({ description: 'The seed this run used' }),
  count: Type.Integer(),
  style: Nullable(Type.String()),
  watermark: Type.Boolean(),
  references: Type.Array(Type.String()),
  model: Nullable(Type.String()),
  aspectRatio: Nullable(Type.String()),
  instruction: Type.Optional(Type.String({ description: 'Edits: the instruction as written' })),
  operations: Type.Optional(Type.Array(Type.Unknown(), { description: 'Edits: the operations applied, in order' })),
  sourceAssetId: Type.Optional(Type.String({ description: 'Edits: the image edited' })),
  tool: Type.Optional(EditToolSchema),
  maskAssetId: Type.Optional(Type.String({ description: 'Inpaint: the mask' })),
  scale: Type.Optional(Type.Integer({ description: 'Upscale: the factor' })),
  upscaleTo: Type.Optional(Type.Integer({ description: "Upscale asked in words ('upscale to 4K'): the longer side the upscaler's result is resized to" })),
  negativePrompt: Type.Optional(Type.String()),
  steps: Type.Optional(Type.Integer()),
  guidance: Type.Optional(Type.Number()),
  sampler: Type.Optional(Type.String()),
  workflow: Type.Optional(Type.String({ description: 'The engine workflow it ran, when one was named' })),
  providerKeyId: Type.Optional(Type.String({ description: 'Ran on your own provider key (its id); it cost no credits' })),
});
export type GenerationParams = Static<typeof GenerationParamsSchema>;

export const OutputSchema = Type.Object({
  index: Type.Integer(),
  asset: Type.Optional(Type.Object({
    id: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    mime: Type.String(),
    urls: Type.Object({ content: Type.String(), thumbnail: Type.String() }),
  })),
  error: Type.Optional(ErrorDetail),
}, { description: 'One image of the set: its asset once stored, or why it is missing' });
export type OutputDto = Static<typeof OutputSchema>;

export const GenerationSchema = Type.Object({
  id: Type.String(),
  mode: GenerationModeSchema,
  status: GenerationStatusSchema,
  prompt: Type.String(),
  params: GenerationParamsSchema,
  engine: Type.String(),
  model: Nullable(Type.String()),
  progress: Type.Number({ description: 'Share of the set done, 0 to 1' }),
  parentAssetId: Nullable(Type.String({ description: 'Edits: the image edited' })),
  outputs: Type.Array(OutputSchema),
  error: Type.Optional(ErrorDetail),
  workflowRun: Type.Optional(Type.Object({
    id: Type.String(),
    name: Type.String(),
    step: Type.Integer({ description: '0-based index of the step that made this generation' }),
  }, { description: 'The workflow run this generation is a step of' })),
  usage: Nullable(Type.Record(Type.String(), Type.Number(), { description: "The provider's usage counts, when it reports them" })),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type GenerationDto = Static<typeof GenerationSchema>;

export const GenerationPage = Type.Object({
  items: Type.Array(GenerationSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` to get the next page; null on the last page' })),
  total: Type.Optional(Nullable(Type.Integer({
    description: 'How many match in all: exact from counters kept per mode, status and engine; on the first page only ' +
      'with a search text (see totalAccuracy; later pages leave it out)',
  }))),
  totalAccuracy: Type.Optional(TotalAccuracySchema),
});
