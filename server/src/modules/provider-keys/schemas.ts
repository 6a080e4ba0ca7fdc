import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

export const OWN_KEY_PROVIDERS = ['seedream', 'openai'] as const;
const Provider = Type.Union(OWN_KEY_PROVIDERS.map((p) => Type.Literal(p)), { description: 'The engine the key is for' });
const Cap = Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Images per calendar month (UTC) at most' });

export const AddProviderKeyBody = Type.Object({
  provider: Provider,
  key: Type.String({ minLength: 8, maxLength: 400, pattern: '^[\\x21-\\x7e]+$', description: 'The API key (printable, no spaces); never shown again' }),
  baseUrl: Type.Optional(Type.String({ minLength: 8, maxLength: 2000, description: 'OpenAI-compatible only: the API root of another server (https, public address)' })),
  monthlyImageCap: Type.Optional(Nullable(Cap)),
}, { additionalProperties: false });
export type AddProviderKeyInput = Static<typeof AddProviderKeyBody>;

export const UpdateProviderKeyBody = Type.Object({ monthlyImageCap: Nullable(Cap) }, { additionalProperties: false });

export const ProviderKeySchema = Type.Object({
  id: Type.String(),
  provider: Provider,
  /** The key as shown: its last four characters only. */
  masked: Type.String({ description: 'The key masked to its last four characters, e.g. "••••3f9a"' }),
  baseUrl: Nullable(Type.String()),
  monthlyImageCap: Nullable(Type.Integer()),
  imagesThisMonth: Type.Integer({ description: 'Images asked of this key this calendar month (UTC)' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ProviderKeyDto = Static<typeof ProviderKeySchema>;

export const ProviderKeyList = Type.Object({
  items: Type.Array(ProviderKeySchema),
  allowed: Type.Boolean({ description: 'Whether your plan lets you add your own keys' }),
  providers: Type.Array(Provider, { description: 'Engines of this server that can run on your own key' }),
});
export const ProviderKeyIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
