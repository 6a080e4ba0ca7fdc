import { Type } from '@sinclair/typebox';
import { Nullable } from '../../../http/schema-types.js';

export const ExportSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('ready'), Type.Literal('failed'), Type.Literal('expired')]),
  createdAt: Type.String(),
  readyAt: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  bytes: Nullable(Type.Integer()),
});

export const ExportList = Type.Object({ items: Type.Array(ExportSchema) });

export const ExportIdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Export id' }) }, { additionalProperties: false });
