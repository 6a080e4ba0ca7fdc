import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../http/schema-types.js';

export const OutboxStatusSchema = Type.Union([
  Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('suppressed'),
]);

export const MessageSchema = Type.Object({
  id: Type.String(),
  to: Type.String(),
  type: Type.String(),
  essential: Type.Boolean({ description: 'Sent whatever the person chose (security and account notices)' }),
  subject: Type.String(),
  text: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  status: OutboxStatusSchema,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
});

export const OutboxPage = Type.Object({ items: Type.Array(MessageSchema) });

export const OutboxQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  status: Type.Optional(OutboxStatusSchema),
}, { additionalProperties: false });
