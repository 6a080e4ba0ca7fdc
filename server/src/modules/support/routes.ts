import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAdmin, requireAuth } from '../../http/auth-context.js';
import { byAddress } from '../../http/rate-limit.js';
import { ContactBody, ContactResult, SupportList, SupportListQuery } from './schemas.js';
import type { SupportService } from './service.js';

/**
 *   POST /support          {subject, message, assetId?} → 201: kept for the admins, emailed to the operator, copy to you
 *   GET  /admin/support    the newest messages (admins)
 */
export function supportRoutes(support: SupportService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/support', { config: byAddress('support-address'), schema: { tags: ['support'], summary: 'Write to the people who run this Atelier', body: ContactBody, response: { 201: ContactResult } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      return reply.status(201).send(await support.contact(user.id, request.body));
    });
    app.get('/admin/support', { schema: { tags: ['support', 'admin'], summary: 'Support messages, newest first (admins)', querystring: SupportListQuery, response: { 200: SupportList } } }, async (request) => {
      requireAdmin(request);
      return { items: await support.list(request.query.limit ?? 100) };
    });
  };
}
