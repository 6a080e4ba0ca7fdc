import { api, byId, multipart, unwrap, type Answer } from './client';

export type Batch = Answer<'/api/v1/batches/{id}', 'get'>;
export type BatchSummary = Answer<'/api/v1/batches', 'get'>['items'][number];

/** The columns a batch file may have, in the template's order (`prompt` is the one required). */
export const BATCH_TEMPLATE_CSV = 'prompt,size,count,style,seed,engine,references\n"a lighthouse at dawn, watercolor",2K,1,,,,\n';

export const batchesApi = {
  list: () => unwrap(api.GET('/api/v1/batches')),
  get: (id: string, signal?: AbortSignal) => unwrap(api.GET('/api/v1/batches/{id}', { ...byId(id), signal })),
  create: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(api.POST('/api/v1/batches', multipart(form)));
  },
  /** What the file would queue (engine, size, count per generation), to price it before it is started. */
  cost: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(api.POST('/api/v1/batches/cost', multipart(form)));
  },
  cancel: (id: string) => unwrap(api.POST('/api/v1/batches/{id}/cancel', byId(id))),
  archiveUrl: (id: string) => `/api/v1/batches/${encodeURIComponent(id)}/archive`,
};

export const isActive = (b: Pick<BatchSummary, 'status'>) => b.status === 'queued' || b.status === 'running';
