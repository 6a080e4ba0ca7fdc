import { api, byId, unwrap, type Answer, type Body } from './client';

export type ProviderKeys = Answer<'/api/v1/me/provider-keys', 'get'>;
export type ProviderKey = ProviderKeys['items'][number];
export type OwnKeyProvider = ProviderKey['provider'];
export type AddProviderKeyInput = Body<'/api/v1/me/provider-keys', 'post'>;

/** Settings → Your provider keys (bring your own key). */
export const providerKeysApi = {
  list: () => unwrap(api.GET('/api/v1/me/provider-keys')),
  add: (body: AddProviderKeyInput) => unwrap(api.POST('/api/v1/me/provider-keys', { body })),
  setCap: (id: string, monthlyImageCap: number | null) =>
    unwrap(api.PATCH('/api/v1/me/provider-keys/{id}', { ...byId(id), body: { monthlyImageCap } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/me/provider-keys/{id}', byId(id))),
};
