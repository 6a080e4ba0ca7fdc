import type { Static } from '@sinclair/typebox';
import type { AssetPage, BulkAction, ListAssetsQuery } from '../../../server/src/modules/assets/schemas';
import { ApiError, api, csrfToken } from './client';
import type { Asset } from './types';

/** The filters of the gallery list (its query, less the paging). */
export type AssetFilter = Omit<ListAssetsQuery, 'limit' | 'cursor'>;

export type { BulkAction };

export const assetsApi = {
  list: (filter: AssetFilter, cursor?: string | null, limit = 60, signal?: AbortSignal) =>
    api<Static<typeof AssetPage>>('GET', '/assets', { query: { ...filter, cursor, limit }, signal }),
  get: (id: string) => api<Asset>('GET', `/assets/${encodeURIComponent(id)}`),
  trash: (id: string) => api<void>('DELETE', `/assets/${encodeURIComponent(id)}`),
  restore: (id: string) => api<Asset>('POST', `/assets/${encodeURIComponent(id)}/restore`),
  setFavorite: (id: string, favorite: boolean) =>
    api<Asset>(favorite ? 'PUT' : 'DELETE', `/assets/${encodeURIComponent(id)}/favorite`),
  /** "Never use for training" on or off; answers the asset. */
  setNeverTrain: (id: string, neverTrain: boolean) =>
    api<Asset>(neverTrain ? 'PUT' : 'DELETE', `/assets/${encodeURIComponent(id)}/no-training`),
  setTags: (id: string, tags: string[]) => api<Asset>('PUT', `/assets/${encodeURIComponent(id)}/tags`, { body: { tags } }),
  tags: () => api<{ items: { tag: string; count: number }[] }>('GET', '/tags'),
  /** Deletes everything in the trash for good; `queued`: a job deletes the rest of a large trash. */
  emptyTrash: () => api<{ purged: number; queued: boolean }>('POST', '/trash/empty'),
  bulk: (action: BulkAction, ids: string[], albumId?: string) =>
    api<{ action: BulkAction; count: number; changed: number }>('POST', '/assets/bulk', { body: { action, ids, albumId } }),
  /** Fetches a zip of the given assets' originals (the archive endpoint streams it). */
  async archive(ids: string[]): Promise<Blob> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/zip' };
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
    let response: Response;
    try {
      response = await fetch('/api/v1/assets/archive', { method: 'POST', headers, body: JSON.stringify({ ids }), credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'NETWORK', '');
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      throw new ApiError(response.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? '');
    }
    return response.blob();
  },
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
