import type { Static } from '@sinclair/typebox';
import type { GenerationPage, HistoryQuery } from '../../../server/src/modules/generations/schemas';
import { api } from './client';

/** The filters of the history list (its query, less the paging). */
export type HistoryFilter = Omit<Static<typeof HistoryQuery>, 'limit' | 'cursor'>;

/** The history list (GET /generations); one generation, re-run and cancel are in generations.ts. */
export const historyApi = {
  list: (filter: HistoryFilter, cursor?: string | null, limit = 20, signal?: AbortSignal) =>
    api<Static<typeof GenerationPage>>('GET', '/generations', { query: { ...filter, cursor, limit }, signal }),
};
