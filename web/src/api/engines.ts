import { api } from './client';
import type { EngineCapabilities } from './types';

export interface EngineList {
  default: string;
  items: EngineCapabilities[];
}

export const enginesApi = {
  list: (signal?: AbortSignal) => api<EngineList>('GET', '/engines', { signal }),
};
