import type { Static } from '@sinclair/typebox';
import type { GenerateBody } from '../../../server/src/modules/generations/schemas';
import { api } from './client';
import type { Generation } from './types';

/** What POST /generations accepts. */
export type GenerateRequest = Static<typeof GenerateBody>;

const base = (id: string) => `/generations/${encodeURIComponent(id)}`;

export const generationsApi = {
  generate: (body: GenerateRequest) => api<Generation>('POST', '/generations', { body }),
  get: (id: string, signal?: AbortSignal) => api<Generation>('GET', base(id), { signal }),
  cancel: (id: string) => api<Generation>('POST', `${base(id)}/cancel`),
  rerun: (id: string) => api<Generation>('POST', `${base(id)}/rerun`),
  /** The Server-Sent Events stream of one generation (for EventSource, which adds no /api/v1 prefix). */
  eventsUrl: (id: string) => `/api/v1${base(id)}/events`,
};

/** Where an asset's bytes are served (the image event of the stream carries only the id). */
export const assetUrls = (id: string) => ({
  content: `/api/v1/assets/${encodeURIComponent(id)}/content`,
  thumbnail: `/api/v1/assets/${encodeURIComponent(id)}/thumbnail`,
});
