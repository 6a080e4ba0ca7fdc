import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { notFound } from '../../http/errors.js';
import { FileAnswer } from '../../http/schema-types.js';
import { StylePreviews } from './style-previews.js';

const StyleParams = Type.Object({ style: Type.String({ minLength: 1, maxLength: 40 }) });

/** GET /styles/:style/preview: a small WebP of a built-in style (drawn on first use, the same scene for every style). */
export function stylePreviewRoutes() {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const previews = new StylePreviews();
    app.addHook('onClose', () => previews.close());
    app.get('/styles/:style/preview', { schema: { tags: ['engines'], summary: 'A preview of a built-in style', params: StyleParams, response: { 200: FileAnswer('The preview', ['image/webp']) } } }, async (request, reply) => {
      requireAuth(request, 'images');
      const preview = previews.get(request.params.style);
      if (!preview) throw notFound('Style');
      // The same bytes for everyone and for ever (the scene and seed are fixed): any cache may keep it a day.
      return reply.type('image/webp').header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(await preview);
    });
  };
}
