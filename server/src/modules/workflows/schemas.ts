import { Type, type Static } from '@sinclair/typebox';
import { ErrorCodeSchema, ErrorDetail, Nullable } from '../../http/schema-types.js';
import { MAX_STEPS, VariableName, WorkflowStepSchema, WorkflowVariableSchema } from './steps.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 120 });
const Steps = Type.Array(WorkflowStepSchema, { minItems: 1, maxItems: MAX_STEPS });
const Variables = Type.Array(WorkflowVariableSchema, { maxItems: 20 });

export const WorkflowBody = Type.Object({ name: Name, steps: Steps, variables: Type.Optional(Variables) }, { additionalProperties: false });
export const WorkflowPatch = Type.Object({ name: Type.Optional(Name), steps: Type.Optional(Steps), variables: Type.Optional(Variables) }, { additionalProperties: false });

export const WorkflowSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  steps: Type.Array(WorkflowStepSchema),
  variables: Type.Array(WorkflowVariableSchema),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type WorkflowDto = Static<typeof WorkflowSchema>;

export const RunBody = Type.Object({
  inputs: Type.Optional(Type.Record(VariableName, Type.String({ maxLength: 4000 }), { description: 'A value for each variable, e.g. {"prompt": "…"}' })),
}, { additionalProperties: false });

export const WorkflowRunStatusSchema = Type.Union([
  Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('canceled'),
]);

const StepError = ErrorDetail;

export const RunStepSchema = Type.Object({
  index: Type.Integer(),
  kind: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('canceled')]),
  generationId: Nullable(Type.String({ description: 'The generation this step queued (generate, edit, operations, upscale)' })),
  assets: Type.Array(Type.Object({ id: Type.String(), urls: Type.Object({ content: Type.String(), thumbnail: Type.String() }) }), { description: "The step's output images" }),
  error: Type.Optional(StepError),
});

export const WorkflowRunSchema = Type.Object({
  id: Type.String(),
  workflowId: Nullable(Type.String({ description: 'Null once the workflow was deleted' })),
  name: Type.String(),
  status: WorkflowRunStatusSchema,
  progress: Type.Number({ description: 'Share of the steps done, 0 to 1' }),
  inputs: Type.Record(Type.String(), Type.String()),
  steps: Type.Array(RunStepSchema, { description: 'Every step of the run, with what it produced' }),
  error: Type.Optional(Type.Object({ code: ErrorCodeSchema, message: Type.String(), step: Type.Integer() })),
  archiveUrl: Nullable(Type.String({ description: 'A zip of the images of the export step, once it ran' })),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type WorkflowRunDto = Static<typeof WorkflowRunSchema>;

export const WorkflowList = Type.Object({ items: Type.Array(WorkflowSchema) });
export const WorkflowRunList = Type.Object({ items: Type.Array(WorkflowRunSchema) });
export const ListQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false });
export const RunListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  workflowId: Type.Optional(Id),
}, { additionalProperties: false });
export const IdParams = Type.Object({ id: Id });
export const SaveFromGenerationBody = Type.Object({ name: Type.Optional(Name) }, { additionalProperties: false });
