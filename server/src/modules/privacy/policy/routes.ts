import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../../http/auth-context.js';
import { NoContent } from '../../../http/schema-types.js';
import type { PolicyService } from './service.js';
import { PolicyInfoSchema } from './schemas.js';

const AcknowledgeBody = Type.Object({ version: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

/**
 *   GET  /policy                        → {version, effectiveDate, url} (public)
 *   POST /me/policy-acknowledgement     {version} → 204 (409 POLICY_VERSION_OUTDATED for another version)
 */
export function policyRoutes(policy: PolicyService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['privacy'];

    app.get('/policy', { schema: { tags, security: [], response: { 200: PolicyInfoSchema } } }, async () => policy.current());

    app.post('/me/policy-acknowledgement', { schema: { tags, body: AcknowledgeBody, response: { 204: NoContent } } }, async (request, reply) => {
      await policy.acknowledge(requireAuth(request, 'account').user.id, request.body.version);
      return reply.status(204).send();
    });
  };
}
