import type { Static } from '@sinclair/typebox';
import type { AddProviderKeyInput, ProviderKeyList, ProviderKeySchema } from '../../../server/src/modules/provider-keys/schemas';
import { api } from './client';

export type ProviderKey = Static<typeof ProviderKeySchema>;
export type ProviderKeys = Static<typeof ProviderKeyList>;
export type OwnKeyProvider = ProviderKey['provider'];

const one = (id: string) => `/me/provider-keys/${encodeURIComponent(id)}`;

/** Settings → Your provider keys (bring your own key). */
export const providerKeysApi = {
  list: () => api<ProviderKeys>('GET', '/me/provider-keys'),
  add: (body: AddProviderKeyInput) => api<ProviderKey>('POST', '/me/provider-keys', { body }),
  setCap: (id: string, monthlyImageCap: number | null) => api<ProviderKey>('PATCH', one(id), { body: { monthlyImageCap } }),
  remove: (id: string) => api<void>('DELETE', one(id)),
};
