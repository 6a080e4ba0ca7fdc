import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import type { ShareService } from './service.js';
import { CreatedShare, CreateShareBody, ShareIdParams, ShareList } from './schemas.js';

/**
 * Share links (the public page is /s/<token>, see public-routes.ts):
 *   POST   /shares        {assetId | generationId | albumId, expiresInDays?, password?, allowDownload, includePrompt?} → 201 {id, url, …}
 *   GET    /shares        your links, newest first, with view counts
 *   DELETE /shares/:id    revoke → 204; the link answers 410 from then on
 */
export function shareRoutes(shares: ShareService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['shares'];
    app.post('/shares', { schema: { tags, summary: 'Make a share link to an image, a set or an album', body: CreateShareBody, response: { 201: CreatedShare } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      return reply.status(201).send(await shares.create(user.id, request.body));
    });
    app.get('/shares', { schema: { tags, summary: 'Your share links with their view counts', response: { 200: ShareList } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return { items: await shares.list(user.id) };
    });
    app.delete('/shares/:id', { schema: { tags, summary: 'Revoke a share link (it answers 410 from then on)', params: ShareIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      await shares.revoke(user.id, request.params.id);
      return reply.status(204).send();
    });
  };
}
