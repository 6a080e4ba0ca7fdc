import { api, unwrap, type Answer } from './client';

export type EngineList = Answer<'/api/v1/engines', 'get'>;

export const enginesApi = {
  list: (signal?: AbortSignal) => unwrap(api.GET('/api/v1/engines', { signal })),
};
