import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../../http/auth-context.js';
import { ConsentViewSchema, UpdateConsentsBody } from './schemas.js';
import type { ConsentService } from './service.js';

export function consentRoutes(consents: ConsentService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['privacy'];

    app.get('/me/consents', { schema: { tags, response: { 200: ConsentViewSchema } } }, async (request) =>
      consents.view(requireAuth(request, 'account:read').user.id),
    );

    app.put('/me/consents', { schema: { tags, body: UpdateConsentsBody, response: { 200: ConsentViewSchema } } }, async (request) =>
      consents.update(requireAuth(request, 'account').user.id, request.body),
    );
  };
}
