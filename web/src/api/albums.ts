import type { Static } from '@sinclair/typebox';
import type { AlbumPage } from '../../../server/src/modules/albums/schemas';
import { api } from './client';
import type { Album } from './types';

export const albumsApi = {
  list: (cursor?: string | null, limit = 100) => api<Static<typeof AlbumPage>>('GET', '/albums', { query: { cursor, limit } }),
  get: (id: string) => api<Album>('GET', `/albums/${encodeURIComponent(id)}`),
  create: (name: string, description?: string) => api<Album>('POST', '/albums', { body: { name, description } }),
  rename: (id: string, name: string) => api<Album>('PATCH', `/albums/${encodeURIComponent(id)}`, { body: { name } }),
  setNeverTrain: (id: string, neverUseForTraining: boolean) =>
    api<Album>('PATCH', `/albums/${encodeURIComponent(id)}`, { body: { neverUseForTraining } }),
  remove: (id: string) => api<void>('DELETE', `/albums/${encodeURIComponent(id)}`),
  addAssets: (id: string, assetIds: string[]) =>
    api<{ added: number; album: Album }>('POST', `/albums/${encodeURIComponent(id)}/assets`, { body: { assetIds } }),
  removeAssets: (id: string, assetIds: string[]) =>
    api<{ removed: number; album: Album }>('DELETE', `/albums/${encodeURIComponent(id)}/assets`, { body: { assetIds } }),
};
