import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../../http/schema-types.js';

export const ConsentPurposeSchema = Type.Union([Type.Literal('training'), Type.Literal('product_emails'), Type.Literal('analytics')]);

const ConsentState = Type.Object({
  granted: Type.Boolean(),
  policyVersion: Nullable(Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const ConsentViewSchema = Type.Object({
  trainingOffered: Type.Boolean({ description: 'False where ATELIER_TRAINING_USE=never: the studio hides the choice.' }),
  consents: Type.Object({ training: ConsentState, product_emails: ConsentState, analytics: ConsentState }),
  history: Type.Array(
    Type.Object({ purpose: ConsentPurposeSchema, granted: Type.Boolean(), policyVersion: Nullable(Type.String()), at: Type.String({ format: 'date-time' }) }),
  ),
});

export const UpdateConsentsBody = Type.Object(
  { training: Type.Optional(Type.Boolean()), product_emails: Type.Optional(Type.Boolean()), analytics: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type UpdateConsentsBody = Static<typeof UpdateConsentsBody>;
