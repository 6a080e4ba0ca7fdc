import { api, byId, unwrap, type Answer, type Body } from './client';

export type ApiToken = Answer<'/api/v1/me/tokens', 'get'>['items'][number];
export type TokenScope = ApiToken['scopes'][number];
export type CreateTokenInput = Body<'/api/v1/me/tokens', 'post'>;

/** The scopes a token may be granted, in the order the form offers them. */
export const TOKEN_SCOPES: readonly TokenScope[] = ['images', 'library', 'account:read'];

export const tokensApi = {
  list: () => unwrap(api.GET('/api/v1/me/tokens')),
  create: (body: CreateTokenInput) => unwrap(api.POST('/api/v1/me/tokens', { body })),
  revoke: (id: string) => unwrap(api.DELETE('/api/v1/me/tokens/{id}', byId(id))),
};
