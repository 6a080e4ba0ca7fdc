import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../../http/auth-context.js';
import { FileAnswer } from '../../../http/schema-types.js';
import type { ExportService } from './service.js';
import { ExportIdParams, ExportList, ExportSchema } from './schemas.js';

/**
 * Personal data export (owner only, signed in):
 *   POST /me/exports                  → 202 export (429 EXPORT_RATE_LIMITED within 24 h of the last one)
 *   GET  /me/exports                  → {items}
 *   GET  /me/exports/:id              → export
 *   GET  /me/exports/:id/download     → application/zip
 */
export function exportRoutes(exports: ExportService) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['privacy'];

    app.post('/me/exports', { schema: { tags, response: { 202: ExportSchema } } }, async (request, reply) => {
      const e = await exports.request(requireAuth(request, 'account:read').user.id);
      return reply.status(202).header('location', `/api/v1/me/exports/${e.id}`).send(e);
    });

    app.get('/me/exports', { schema: { tags, response: { 200: ExportList } } }, async (request) => ({
      items: await exports.list(requireAuth(request, 'account:read').user.id),
    }));

    app.get('/me/exports/:id', { schema: { tags, params: ExportIdParams, response: { 200: ExportSchema } } }, async (request) =>
      exports.get(requireAuth(request, 'account:read').user.id, request.params.id),
    );

    app.get('/me/exports/:id/download', { schema: { tags, params: ExportIdParams, response: { 200: FileAnswer('The export archive', ['application/zip']) } } }, async (request, reply) => {
      const file = await exports.download(requireAuth(request, 'account:read').user.id, request.params.id);
      return reply
        .type('application/zip')
        .header('content-length', String(file.bytes))
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    });
  };
}
