import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

/** What a token may be granted: never `account` (password, deletion, credentials) nor `admin`. */
export const GRANTABLE_SCOPES = ['images', 'library', 'account:read'] as const;
export type GrantableScope = (typeof GRANTABLE_SCOPES)[number];

export const GrantableScopeSchema = Type.Union(GRANTABLE_SCOPES.map((s) => Type.Literal(s)), {
  description: 'images: generate, edit and read your images; library: albums, tags, trash; account:read: read your profile',
});

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'What the token is for, e.g. "laptop script"' }),
    scopes: Type.Array(GrantableScopeSchema, { minItems: 1, maxItems: GRANTABLE_SCOPES.length, uniqueItems: true }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'Omit for a token that does not expire' })),
  },
  { additionalProperties: false },
);
export type CreateTokenInput = Static<typeof CreateTokenBody>;

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(GrantableScopeSchema),
  prefix: Type.String({ description: 'The start of the secret, to tell tokens apart' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time', description: 'To the minute' })),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
});
export type TokenDto = Static<typeof TokenSchema>;

export const CreatedTokenSchema = Type.Intersect([
  TokenSchema,
  Type.Object({ token: Type.String({ description: 'The secret: shown this once, send it as `Authorization: Bearer <token>`' }) }),
]);

export const TokenList = Type.Object({ items: Type.Array(TokenSchema) });

export const TokenIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
