import { api, byId, unwrap, type Answer, type Body, type Query } from './client';

/** The filters of the gallery list (its query, less the paging). */
export type AssetFilter = Omit<Query<'/api/v1/assets', 'get'>, 'limit' | 'cursor'>;

export type BulkAction = Body<'/api/v1/assets/bulk', 'post'>['action'];
export type AssetPage = Answer<'/api/v1/assets', 'get'>;

export const assetsApi = {
  list: (filter: AssetFilter, cursor?: string | null, limit = 60, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/assets', { params: { query: { ...filter, cursor: cursor ?? undefined, limit } }, signal })),
  get: (id: string) => unwrap(api.GET('/api/v1/assets/{id}', byId(id))),
  trash: (id: string) => unwrap(api.DELETE('/api/v1/assets/{id}', byId(id))),
  restore: (id: string) => unwrap(api.POST('/api/v1/assets/{id}/restore', byId(id))),
  setFavorite: (id: string, favorite: boolean) =>
    unwrap(favorite ? api.PUT('/api/v1/assets/{id}/favorite', byId(id)) : api.DELETE('/api/v1/assets/{id}/favorite', byId(id))),
  /** "Never use for training" on or off; answers the asset. */
  setNeverTrain: (id: string, neverTrain: boolean) =>
    unwrap(neverTrain ? api.PUT('/api/v1/assets/{id}/no-training', byId(id)) : api.DELETE('/api/v1/assets/{id}/no-training', byId(id))),
  setTags: (id: string, tags: string[]) => unwrap(api.PUT('/api/v1/assets/{id}/tags', { ...byId(id), body: { tags } })),
  tags: () => unwrap(api.GET('/api/v1/tags')),
  /** Deletes everything in the trash for good; `queued`: a job deletes the rest of a large trash. */
  emptyTrash: () => unwrap(api.POST('/api/v1/trash/empty')),
  bulk: (action: BulkAction, ids: string[], albumId?: string) =>
    unwrap(api.POST('/api/v1/assets/bulk', { body: { action, ids, albumId } })),
  /** Fetches a zip of the given assets' originals (the archive endpoint streams it). */
  archive: (ids: string[]): Promise<Blob> =>
    unwrap(api.POST('/api/v1/assets/archive', { body: { ids }, headers: { accept: 'application/zip' }, parseAs: 'blob' })),
};

/** Asks the browser to save a blob or a URL under a file name. */
export function saveFile(source: Blob | string, fileName: string): void {
  const href = typeof source === 'string' ? source : URL.createObjectURL(source);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  if (typeof source !== 'string') setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
