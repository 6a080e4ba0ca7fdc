import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import { CreatedWebhookSchema, CreateWebhookBody, DeliveryList, DeliverySchema, UpdateWebhookBody, WebhookIdParams, WebhookList, WebhookSchema } from './schemas.js';
import type { WebhookService } from './service.js';

/** Webhooks, managed from a browser session only (scope `account`): a token cannot point your events elsewhere. */
export function webhookRoutes(webhooks: WebhookService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['webhooks'];

    app.post('/me/webhooks', { schema: { tags, summary: 'Add a webhook (the signing secret is shown once)', body: CreateWebhookBody, response: { 201: CreatedWebhookSchema } } }, async (request, reply) =>
      reply.status(201).send(await webhooks.create(requireAuth(request, 'account').user.id, request.body)));

    app.get('/me/webhooks', { schema: { tags, summary: 'Your webhooks', response: { 200: WebhookList } } }, async (request) =>
      ({ items: await webhooks.list(requireAuth(request, 'account').user.id) }));

    app.patch('/me/webhooks/:id', { schema: { tags, summary: 'Change a webhook\'s address or events, or turn it on or off', params: WebhookIdParams, body: UpdateWebhookBody, response: { 200: WebhookSchema } } }, async (request) =>
      webhooks.update(requireAuth(request, 'account').user.id, request.params.id, request.body));

    app.delete('/me/webhooks/:id', { schema: { tags, summary: 'Delete a webhook', params: WebhookIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await webhooks.delete(requireAuth(request, 'account').user.id, request.params.id);
      return reply.status(204).send();
    });

    app.post('/me/webhooks/:id/test', { schema: { tags, summary: 'Send a webhook.test event', params: WebhookIdParams, response: { 202: DeliverySchema } } }, async (request, reply) =>
      reply.status(202).send(await webhooks.sendTest(requireAuth(request, 'account').user.id, request.params.id)));

    app.get('/me/webhooks/:id/deliveries', { schema: { tags, summary: 'Recent deliveries: status, attempts, response code', params: WebhookIdParams, response: { 200: DeliveryList } } }, async (request) =>
      ({ items: await webhooks.deliveries(requireAuth(request, 'account').user.id, request.params.id) }));
  };
}
