import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import { CreatedTokenSchema, CreateTokenBody, TokenIdParams, TokenList } from './schemas.js';
import type { ApiTokenService } from './service.js';

/**
 * Personal API tokens, managed from a browser session only (scope `account`, which no token carries): a token can
 * neither mint nor list tokens.
 */
export function tokenRoutes(tokens: ApiTokenService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['api tokens'];

    app.post('/me/tokens', { schema: { tags, summary: 'Create an API token (the secret is shown once)', body: CreateTokenBody, response: { 201: CreatedTokenSchema } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      return reply.status(201).send(await tokens.create(user.id, request.body));
    });

    app.get('/me/tokens', { schema: { tags, summary: 'Your API tokens (without their secrets)', response: { 200: TokenList } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      return { items: await tokens.list(user.id) };
    });

    app.delete('/me/tokens/:id', { schema: { tags, summary: 'Revoke an API token', params: TokenIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      await tokens.revoke(user.id, request.params.id);
      return reply.status(204).send();
    });
  };
}
