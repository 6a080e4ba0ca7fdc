import { api, byId, unwrap, type Answer, type Body } from './client';

export type Webhook = Answer<'/api/v1/me/webhooks/{id}', 'patch'>;
export type WebhookDelivery = Answer<'/api/v1/me/webhooks/{id}/test', 'post'>;
export type CreateWebhookInput = Body<'/api/v1/me/webhooks', 'post'>;
export type WebhookEventName = CreateWebhookInput['events'][number];

/** The events a webhook may subscribe to, in the order the form offers them. */
export const WEBHOOK_EVENTS: readonly WebhookEventName[] = ['generation.succeeded', 'generation.partial', 'generation.failed', 'batch.completed', 'export.ready'];

export const webhooksApi = {
  list: () => unwrap(api.GET('/api/v1/me/webhooks')),
  create: (body: CreateWebhookInput) => unwrap(api.POST('/api/v1/me/webhooks', { body })),
  setEnabled: (id: string, enabled: boolean) => unwrap(api.PATCH('/api/v1/me/webhooks/{id}', { ...byId(id), body: { enabled } })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/me/webhooks/{id}', byId(id))),
  test: (id: string) => unwrap(api.POST('/api/v1/me/webhooks/{id}/test', byId(id))),
  deliveries: (id: string) => unwrap(api.GET('/api/v1/me/webhooks/{id}/deliveries', byId(id))),
};
