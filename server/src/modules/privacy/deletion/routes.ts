import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clearSessionCookies, clientInfo, requireAuth } from '../../../http/auth-context.js';
import { DeleteAccountBody, DeletionScheduledSchema } from './schemas.js';
import type { DeletionService } from './service.js';

export function deletionRoutes(deletion: DeletionService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.delete('/me', { schema: { tags: ['privacy'], body: DeleteAccountBody, response: { 202: DeletionScheduledSchema } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      const scheduled = await deletion.request(user.id, request.body.password, clientInfo(request));
      clearSessionCookies(reply);
      return reply.status(202).send(scheduled);
    });
  };
}
