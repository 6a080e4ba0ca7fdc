import type { Static } from '@sinclair/typebox';
import type { CreateWebhookInput, DeliverySchema, WebhookSchema } from '../../../server/src/modules/webhooks/schemas';
import { api } from './client';

export type Webhook = Static<typeof WebhookSchema>;
export type WebhookDelivery = Static<typeof DeliverySchema>;
export type WebhookEventName = CreateWebhookInput['events'][number];

/** The events a webhook may subscribe to, in the order the form offers them. */
export const WEBHOOK_EVENTS: readonly WebhookEventName[] = ['generation.succeeded', 'generation.partial', 'generation.failed', 'batch.completed', 'export.ready'];

const one = (id: string) => `/me/webhooks/${encodeURIComponent(id)}`;

export const webhooksApi = {
  list: () => api<{ items: Webhook[] }>('GET', '/me/webhooks'),
  create: (body: CreateWebhookInput) => api<Webhook & { secret: string }>('POST', '/me/webhooks', { body }),
  setEnabled: (id: string, enabled: boolean) => api<Webhook>('PATCH', one(id), { body: { enabled } }),
  remove: (id: string) => api<void>('DELETE', one(id)),
  test: (id: string) => api<WebhookDelivery>('POST', `${one(id)}/test`),
  deliveries: (id: string) => api<{ items: WebhookDelivery[] }>('GET', `${one(id)}/deliveries`),
};
