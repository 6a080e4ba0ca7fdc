import { Type } from '@sinclair/typebox';

export const ExportSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('ready'), Type.Literal('failed'), Type.Literal('expired')]),
  createdAt: Type.String(),
  readyAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  bytes: Type.Union([Type.Integer(), Type.Null()]),
});

export const ExportList = Type.Object({ items: Type.Array(ExportSchema) });

export const ExportIdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Export id' }) }, { additionalProperties: false });
