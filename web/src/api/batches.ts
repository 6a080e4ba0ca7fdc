import type { Static } from '@sinclair/typebox';
import type { BatchSchema, BatchSummarySchema } from '../../../server/src/modules/batches/schemas';
import { api } from './client';

export type Batch = Static<typeof BatchSchema>;
export type BatchSummary = Static<typeof BatchSummarySchema>;

/** The columns a batch file may have, in the template's order (`prompt` is the one required). */
export const BATCH_TEMPLATE_CSV = 'prompt,size,count,style,seed,engine,references\n"a lighthouse at dawn, watercolor",2K,1,,,,\n';

export const batchesApi = {
  list: () => api<{ items: BatchSummary[] }>('GET', '/batches'),
  get: (id: string, signal?: AbortSignal) => api<Batch>('GET', `/batches/${encodeURIComponent(id)}`, { signal }),
  create: (file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return api<Batch>('POST', '/batches', { body });
  },
  cancel: (id: string) => api<Batch>('POST', `/batches/${encodeURIComponent(id)}/cancel`),
  archiveUrl: (id: string) => `/api/v1/batches/${encodeURIComponent(id)}/archive`,
};

export const isActive = (b: Pick<BatchSummary, 'status'>) => b.status === 'queued' || b.status === 'running';
