import type { Static } from '@sinclair/typebox';
import type { BillingSummarySchema } from '../../../server/src/modules/billing/schemas';
import { api } from './client';

export type BillingSummary = Static<typeof BillingSummarySchema>;

export const billingApi = {
  summary: (signal?: AbortSignal) => api<BillingSummary>('GET', '/me/billing', { signal }),
  /** A Stripe Checkout page for a plan or a credit pack (payments must be on). */
  checkout: (item: { plan: string } | { creditPack: string }) => api<{ url: string }>('POST', '/billing/checkout', { body: item }),
  /** The Stripe Customer Portal: payment methods, invoices, cancellation. */
  portal: () => api<{ url: string }>('POST', '/billing/portal'),
};
