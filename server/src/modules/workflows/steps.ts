import { Type, type Static } from '@sinclair/typebox';

/** A text that may hold `{{variables}}`, filled in from the run's inputs. */
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const Engine = Type.Optional(Text(40));
const Source = Type.Optional(Text(64, 'The image to start from (an asset id or a variable such as {{reference}}); absent: the previous step\'s image'));

export const GenerateStep = Type.Object({
  kind: Type.Literal('generate'),
  prompt: Text(4000, 'What to make; may hold variables, e.g. {{prompt}}'),
  engine: Engine,
  size: Type.Optional(Text(40)),
  aspectRatio: Type.Optional(Text(8)),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 15 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
  style: Type.Optional(Text(40)),
  references: Type.Optional(Type.Array(Text(64), { maxItems: 10, description: 'Asset ids or variables, e.g. {{reference}}' })),
  negativePrompt: Type.Optional(Text(2000)),
}, { additionalProperties: false, description: 'Make new images' });

export const EditStep = Type.Object({
  kind: Type.Literal('edit'),
  instruction: Text(2000, 'The change in words, e.g. "make the sky stormy"'),
  engine: Engine,
  source: Source,
}, { additionalProperties: false, description: 'Edit the image by instruction' });

export const OperationsStep = Type.Object({
  kind: Type.Literal('operations'),
  operations: Type.Array(Type.Object({ op: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: true }), { minItems: 1, maxItems: 20 }),
  source: Source,
}, { additionalProperties: false, description: 'Classic operations (crop, resize, filters…) in order' });

export const UpscaleStep = Type.Object({
  kind: Type.Literal('upscale'),
  scale: Type.Union([Type.Literal(2), Type.Literal(4)]),
  engine: Engine,
  source: Source,
}, { additionalProperties: false, description: "Upscale the image: with `engine`, that engine's upscaler; without, the classic resize" });

export const AlbumStep = Type.Object({
  kind: Type.Literal('album'),
  albumId: Text(64, 'The album (an id or a variable)'),
}, { additionalProperties: false, description: 'Add the images so far to an album' });

export const ExportStep = Type.Object({
  kind: Type.Literal('export'),
}, { additionalProperties: false, description: 'Offer every image of the run as one zip' });

export const WorkflowStepSchema = Type.Union([GenerateStep, EditStep, OperationsStep, UpscaleStep, AlbumStep, ExportStep]);
export type WorkflowStep = Static<typeof WorkflowStepSchema>;
export type StepKind = WorkflowStep['kind'];

export const VariableName = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'Lower-case letters, digits and _' });

export const WorkflowVariableSchema = Type.Object({
  name: VariableName,
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  default: Type.Optional(Type.String({ maxLength: 4000, description: 'Used when a run gives no value' })),
}, { additionalProperties: false });
export type WorkflowVariable = Static<typeof WorkflowVariableSchema>;

export const MAX_STEPS = 20;

/** Steps that make a new image from the previous one (or from `source`). */
export const IMAGE_STEPS: ReadonlySet<StepKind> = new Set(['edit', 'operations', 'upscale']);
/** Steps that queue a generation. */
export const GENERATING_STEPS: ReadonlySet<StepKind> = new Set(['generate', 'edit', 'operations', 'upscale']);
