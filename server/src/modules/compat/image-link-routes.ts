import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ANONYMOUS } from '../../http/rate-limit.js';
import { contentDisposition } from '../assets/download-name.js';
import type { ImageLinks } from './image-links.js';

const LinkParams = Type.Object({ assetId: Type.String({ minLength: 1, maxLength: 64 }) });
const LinkQuery = Type.Object({ grant: Type.String({ minLength: 1, maxLength: 100 }) });

/**
 * GET /v1/image-links/:assetId?grant=…: the image a compatible endpoint's `url` names, without credentials (the link
 * is the credential). Outside /api/v1 and its session, so it sets no cookie; never cached, so a trashed image or an
 * expired link stops answering at once. Limited per address like every endpoint anyone may call.
 */
export function imageLinkRoutes(links: ImageLinks) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/image-links/:assetId', { config: ANONYMOUS, schema: { hide: true, params: LinkParams, querystring: LinkQuery } }, async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
      const handle = await links.open(request.params.assetId, request.query.grant);
      return reply.type(handle.asset.mime)
        .header('content-length', String(handle.length))
        .header('content-disposition', contentDisposition(handle.asset))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(await handle.open());
    });
  };
}
