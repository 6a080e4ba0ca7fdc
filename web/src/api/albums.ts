import { api, byId, unwrap } from './client';

export const albumsApi = {
  list: (cursor?: string | null, limit = 100) => unwrap(api.GET('/api/v1/albums', { params: { query: { cursor: cursor ?? undefined, limit } } })),
  get: (id: string) => unwrap(api.GET('/api/v1/albums/{id}', byId(id))),
  create: (name: string, description?: string) => unwrap(api.POST('/api/v1/albums', { body: { name, description } })),
  rename: (id: string, name: string) => unwrap(api.PATCH('/api/v1/albums/{id}', { ...byId(id), body: { name } })),
  setNeverTrain: (id: string, neverUseForTraining: boolean) =>
    unwrap(api.PATCH('/api/v1/albums/{id}', { ...byId(id), body: { neverUseForTraining } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/albums/{id}', byId(id))),
  addAssets: (id: string, assetIds: string[]) => unwrap(api.POST('/api/v1/albums/{id}/assets', { ...byId(id), body: { assetIds } })),
  removeAssets: (id: string, assetIds: string[]) => unwrap(api.DELETE('/api/v1/albums/{id}/assets', { ...byId(id), body: { assetIds } })),
};
