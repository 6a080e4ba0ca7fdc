import { Type, type Static } from '@sinclair/typebox';

export const OPENAI_SIZE = '^(auto|[0-9]{2,5}x[0-9]{2,5})$';

/** OpenAI's fields; others a client may send (background, output_format, moderation…) are accepted and ignored. */
export const OpenAiGenerateBody = Type.Object({
  prompt: Type.String({ minLength: 1, maxLength: 4000 }),
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'An Atelier engine id (default: the instance default)' })),
  n: Type.Optional(Type.Integer({ minimum: 1, maximum: 15 })),
  size: Type.Optional(Type.String({ pattern: OPENAI_SIZE, description: 'WxH or auto' })),
  quality: Type.Optional(Type.Union(['auto', 'low', 'medium', 'high', 'standard', 'hd'].map((q) => Type.Literal(q)), { description: 'Accepted; engines choose their own quality' })),
  response_format: Type.Optional(Type.Union([Type.Literal('b64_json'), Type.Literal('url')], { description: 'Default b64_json' })),
  user: Type.Optional(Type.String({ maxLength: 200, description: 'Accepted and not stored' })),
}, { additionalProperties: true });
export type OpenAiGenerate = Static<typeof OpenAiGenerateBody>;

export const OpenAiImagesAnswer = Type.Object({
  created: Type.Integer(),
  data: Type.Array(Type.Object({ b64_json: Type.Optional(Type.String()), url: Type.Optional(Type.String()) })),
});

export const OpenAiModelList = Type.Object({
  object: Type.Literal('list'),
  data: Type.Array(Type.Object({ id: Type.String(), object: Type.Literal('model'), created: Type.Integer(), owned_by: Type.String() })),
});
