import { Type } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });

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
  },
  { additionalProperties: false },
);

export const EditBody = Type.Object(
  {
    assetId: Id,
    instruction: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    operations: Type.Optional(Type.Array(Type.Object({ op: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: true }), { maxItems: 20 })),
    engine: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const GenerationIdParams = Type.Object({ id: Id });

export const HistoryQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([
      Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'),
      Type.Literal('partial'), Type.Literal('failed'), Type.Literal('canceled'),
    ])),
    engine: Type.Optional(Type.String({ maxLength: 40 })),
    mode: Type.Optional(Type.Union([Type.Literal('generate'), Type.Literal('edit')])),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
