import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';
import { GenerationStatusSchema } from '../generations/schemas.js';

/** A batch's status reads like a generation's: `partial` when some rows failed, `canceled` once canceled. */
export const BatchStatusSchema = GenerationStatusSchema;

/** A row's status: `waiting` in its batch until the plan's concurrency and the rate limit let it into the queue, then its generation's. */
export const BatchRowStatusSchema = Type.Union([Type.Literal('waiting'), ...GenerationStatusSchema.anyOf]);

export const BatchRowSchema = Type.Object({
  row: Type.Integer({ description: '1-based position among the rows of the file' }),
  line: Type.Integer({ description: 'The line of the file the row starts on' }),
  generationId: Nullable(Type.String({ description: 'The generation the row became; null for a row that runs a workflow or still waits' })),
  workflowRunId: Nullable(Type.String({ description: 'The workflow run, for a row with a "workflow" column' })),
  status: BatchRowStatusSchema,
  progress: Type.Number({ description: 'Share of the row\'s set done, 0 to 1' }),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() }, { description: 'What refused the row when it was to be released (it failed)' })),
});

export const BatchSummarySchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  status: BatchStatusSchema,
  rowCount: Type.Integer(),
  progress: Type.Number({ description: 'Share of the batch done, 0 to 1' }),
  counts: Type.Record(BatchRowStatusSchema, Type.Integer(), { description: 'Rows in each status' }),
  createdAt: Type.String({ format: 'date-time' }),
  canceledAt: Nullable(Type.String({ format: 'date-time' })),
});
export type BatchSummaryDto = Static<typeof BatchSummarySchema>;

export const BatchSchema = Type.Intersect([BatchSummarySchema, Type.Object({ rows: Type.Array(BatchRowSchema) })]);
export type BatchDto = Static<typeof BatchSchema>;

export const BatchList = Type.Object({ items: Type.Array(BatchSummarySchema) });
export const BatchListQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false });
export const BatchIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
