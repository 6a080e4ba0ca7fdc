import { api, unwrap, type Query } from './client';

/** The filters of the history list (its query, less the paging). */
export type HistoryFilter = Omit<Query<'/api/v1/generations', 'get'>, 'limit' | 'cursor'>;

/** The history list (GET /generations); one generation, re-run and cancel are in generations.ts. */
export const historyApi = {
  list: (filter: HistoryFilter, cursor?: string | null, limit = 20, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/generations', { params: { query: { ...filter, cursor: cursor ?? undefined, limit } }, signal })),
};
