import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

export const SUBJECT_MAX = 200;
export const MESSAGE_MAX = 5000;

export const ContactBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: SUBJECT_MAX }),
    message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
    assetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'One of your images the message is about' })),
  },
  { additionalProperties: false },
);
export type ContactBody = Static<typeof ContactBody>;

export const SupportMessageSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  replyTo: Type.String(),
  subject: Type.String(),
  message: Type.String(),
  assetId: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type SupportMessageDto = Static<typeof SupportMessageSchema>;

export const ContactResult = Type.Object({ id: Type.String(), emailed: Type.Boolean({ description: 'Whether the operator was emailed (ATELIER_SUPPORT_EMAIL is set)' }) });
export const SupportList = Type.Object({ items: Type.Array(SupportMessageSchema) });
export const SupportListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false });
