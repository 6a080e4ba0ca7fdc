import { api } from './client';
import type { Generation, GenerationStatus, Page } from './types';

export interface HistoryFilter {
  status?: GenerationStatus;
  engine?: string;
  mode?: 'generate' | 'edit';
  q?: string;
}

/** The history list (GET /generations); one generation, re-run and cancel are in generations.ts. */
export const historyApi = {
  list: (filter: HistoryFilter, cursor?: string | null, limit = 20, signal?: AbortSignal) =>
    api<Page<Generation>>('GET', '/generations', { query: { ...filter, cursor, limit }, signal }),
};
