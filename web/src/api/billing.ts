import { api, unwrap, type Answer } from './client';

export type BillingSummary = Answer<'/api/v1/me/billing', 'get'>;

export const billingApi = {
  summary: (signal?: AbortSignal) => unwrap(api.GET('/api/v1/me/billing', { signal })),
};
