import { api, byId, unwrap, type Body } from './client';

/** What POST /generations accepts. */
export type GenerateRequest = Body<'/api/v1/generations', 'post'>;

const base = (id: string) => `/generations/${encodeURIComponent(id)}`;

export const generationsApi = {
  generate: (body: GenerateRequest) => unwrap(api.POST('/api/v1/generations', { body })),
  get: (id: string, signal?: AbortSignal) => unwrap(api.GET('/api/v1/generations/{id}', { ...byId(id), signal })),
  cancel: (id: string) => unwrap(api.POST('/api/v1/generations/{id}/cancel', byId(id))),
  rerun: (id: string) => unwrap(api.POST('/api/v1/generations/{id}/rerun', byId(id))),
  /** The Server-Sent Events stream of one generation (for EventSource, which adds no /api/v1 prefix). */
  eventsUrl: (id: string) => `/api/v1${base(id)}/events`,
};

/** Where an asset's bytes are served (the image event of the stream carries only the id). */
export const assetUrls = (id: string) => ({
  content: `/api/v1/assets/${encodeURIComponent(id)}/content`,
  thumbnail: `/api/v1/assets/${encodeURIComponent(id)}/thumbnail`,
});
