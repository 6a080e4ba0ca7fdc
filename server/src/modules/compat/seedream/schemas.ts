import { Type, type Static } from '@sinclair/typebox';

/** The documented request of POST /api/v3/images/generations; undocumented extras are accepted and ignored. */
export const SeedreamGenerateBody = Type.Object({
  model: Type.String({ minLength: 1, maxLength: 120, description: 'An Atelier engine id or model; anything else runs the instance default engine' }),
  prompt: Type.String({ minLength: 1, maxLength: 4000 }),
  image: Type.Optional(Type.Union([
    Type.String({ minLength: 1 }),
    Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 14 }),
  ], { description: 'References: data:image/…;base64,… or the URL of one of your Atelier images' })),
  size: Type.Optional(Type.String({ pattern: '^(1K|2K|4K|[0-9]{2,5}[xX][0-9]{2,5})$' })),
  seed: Type.Optional(Type.Integer({ minimum: -1, maximum: 2147483647 })),
  sequential_image_generation: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('disabled')])),
  sequential_image_generation_options: Type.Optional(Type.Object({ max_images: Type.Optional(Type.Integer({ minimum: 1, maximum: 15 })) })),
  stream: Type.Optional(Type.Boolean()),
  response_format: Type.Optional(Type.Union([Type.Literal('url'), Type.Literal('b64_json')])),
  watermark: Type.Optional(Type.Boolean({ description: 'Default true, as documented' })),
}, { additionalProperties: true });
export type SeedreamGenerate = Static<typeof SeedreamGenerateBody>;
