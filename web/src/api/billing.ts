import type { Static } from '@sinclair/typebox';
import type { BillingSummarySchema } from '../../../server/src/modules/billing/schemas';
import { api } from './client';

export type BillingSummary = Static<typeof BillingSummarySchema>;

export const billingApi = {
  summary: (signal?: AbortSignal) => api<BillingSummary>('GET', '/me/billing', { signal }),
};
