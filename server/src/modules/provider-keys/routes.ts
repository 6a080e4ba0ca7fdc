import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import { AddProviderKeyBody, ProviderKeyIdParams, ProviderKeyList, ProviderKeySchema, UpdateProviderKeyBody } from './schemas.js';
import type { ProviderKeyService } from './service.js';

/** A person's own provider keys, managed from a browser session only (scope `account`): a token can neither read nor add them. */
export function providerKeyRoutes(keys: ProviderKeyService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['provider keys'];

    app.get('/me/provider-keys', { schema: { tags, summary: 'Your own provider keys (masked), and whether your plan allows them', response: { 200: ProviderKeyList } } }, async (request) =>
      keys.list(requireAuth(request, 'account').user.id));

    app.post('/me/provider-keys', { schema: { tags, summary: 'Add your own Seedream or OpenAI-compatible key (checked with the provider once; replaces the one you had)', body: AddProviderKeyBody, response: { 201: ProviderKeySchema } } }, async (request, reply) =>
      reply.status(201).send(await keys.add(requireAuth(request, 'account').user.id, request.body)));

    app.patch('/me/provider-keys/:id', { schema: { tags, summary: 'Set or remove a key\'s monthly image cap', params: ProviderKeyIdParams, body: UpdateProviderKeyBody, response: { 200: ProviderKeySchema } } }, async (request) =>
      keys.setCap(requireAuth(request, 'account').user.id, request.params.id, request.body.monthlyImageCap));

    app.delete('/me/provider-keys/:id', { schema: { tags, summary: 'Remove one of your keys', params: ProviderKeyIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await keys.remove(requireAuth(request, 'account').user.id, request.params.id);
      return reply.status(204).send();
    });
  };
}
