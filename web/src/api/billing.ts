import { api, unwrap, type Answer } from './client';

export type BillingSummary = Answer<'/api/v1/me/billing', 'get'>;

export const billingApi = {
  summary: (signal?: AbortSignal) => unwrap(api.GET('/api/v1/me/billing', { signal })),
  /** A Stripe Checkout page for a plan or a credit pack (payments must be on). */
  checkout: (item: { plan: string } | { creditPack: string }) => unwrap(api.POST('/api/v1/billing/checkout', { body: item })),
  /** The Stripe Customer Portal: payment methods, invoices, cancellation. */
  portal: () => unwrap(api.POST('/api/v1/billing/portal')),
};
