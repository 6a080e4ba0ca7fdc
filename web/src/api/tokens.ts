import type { Static } from '@sinclair/typebox';
import type { CreateTokenInput, TokenSchema } from '../../../server/src/modules/tokens/schemas';
import { api } from './client';

export type ApiToken = Static<typeof TokenSchema>;
export type TokenScope = ApiToken['scopes'][number];

/** The scopes a token may be granted, in the order the form offers them. */
export const TOKEN_SCOPES: readonly TokenScope[] = ['images', 'library', 'account:read'];

export const tokensApi = {
  list: () => api<{ items: ApiToken[] }>('GET', '/me/tokens'),
  create: (body: CreateTokenInput) => api<ApiToken & { token: string }>('POST', '/me/tokens', { body }),
  revoke: (id: string) => api<void>('DELETE', `/me/tokens/${encodeURIComponent(id)}`),
};
