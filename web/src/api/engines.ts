import { api } from './client';
import type { Static } from '@sinclair/typebox';
import type { EngineListSchema } from '../../../server/src/engines/schemas';

export type EngineList = Static<typeof EngineListSchema>;

export const enginesApi = {
  list: (signal?: AbortSignal) => api<EngineList>('GET', '/engines', { signal }),
};
