import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { AppError } from '../../http/errors.js';
import { readMultipartFile } from '../../http/multipart-file.js';
import { FileAnswer, NoContent, NotModified } from '../../http/schema-types.js';
import type { Services } from '../../services.js';
import { contentDisposition } from './download-name.js';
import {
  ArchiveBody, AssetIdParams, AssetPage, AssetSchema, BulkBody, BulkResult, EmptyTrashResult, ListAssetsQuery, SetTagsBody, TagList,
} from './schemas.js';
import { etagOf, thumbnailEtagOf } from './service.js';
import { UPLOADS } from '../../http/rate-limit.js';

/**
 * An original never changes under its id, nor a thumbnail (made from it), so the browser may keep both for a year
 * without asking again: a gallery scrolled twice fetches nothing the second time. Private: never for shared caches.
 */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** True when If-None-Match names this ETag (or '*'). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** An upload waiting for the image check may yet be replaced by a blurred copy: the browser asks again each time. */
function imageHeaders(reply: FastifyReply, etag: string, checking: boolean): void {
  reply.header('etag', etag);
  reply.header('cache-control', checking ? 'private, no-cache' : CACHE_CONTROL);
  reply.header('x-content-type-options', 'nosniff');
}

/**
 * Assets:
 *   POST   /assets                   multipart, field "file" → 201 asset
 *   POST   /assets/masks             an inpainting mask (kind 'mask', never listed)
 *   GET    /assets                   gallery: limit, cursor, kind, album, tag, favorite, q, trash
 *   GET    /assets/:id               asset JSON (trashed ones too, with deletedAt)
 *   GET    /assets/:id/content       the original (Range, ETag, If-None-Match, If-Range)
 *   GET    /assets/:id/thumbnail     WebP ≤ 512 px, made once then cached
 *   DELETE /assets/:id               → 204, moves to the trash
 *   POST   /assets/:id/restore       back from the trash
 *   POST   /trash/empty              delete everything in the trash for good (→ 202 when a job finishes it)
 *   PUT    /assets/:id/favorite      mark favorite;   DELETE /assets/:id/favorite  unmark (both idempotent, → asset)
 *   PUT    /assets/:id/no-training   mark "never use for training"; DELETE /assets/:id/no-training  clear it (→ asset)
 *   PUT    /assets/:id/tags          {tags} replaces the tags
 *   POST   /assets/bulk              {action, ids, albumId?}
 *   POST   /assets/archive           {ids} → application/zip of the originals (streamed)
 *   GET    /tags                     the caller's tags with counts of live assets
 */
export function assetRoutes(services: Pick<Services, 'assets' | 'albums' | 'config' | 'emptyTrash'>) {
  const { assets, albums, config, emptyTrash } = services;
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['assets'];

    app.post(
      '/assets',
      { config: UPLOADS, schema: { tags, summary: 'Upload an image (multipart/form-data, field "file")', consumes: ['multipart/form-data'], response: { 201: AssetSchema } } },
      async (request, reply) => {
        const { user } = requireAuth(request, 'images');
        const { data, fileName } = await readMultipartFile(request, 'the image', config.maxUploadBytes);
        const asset = await assets.upload(user.id, { data, fileName });
        return reply.status(201).send(asset);
      },
    );

    app.post(
      '/assets/masks',
      { config: UPLOADS, schema: { tags, summary: 'Upload an inpainting mask (multipart, field "file"): an asset of yours that galleries and counts leave out', consumes: ['multipart/form-data'], response: { 201: AssetSchema } } },
      async (request, reply) => {
        const { user } = requireAuth(request, 'images');
        const { data, fileName } = await readMultipartFile(request, 'the mask', config.maxUploadBytes);
        return reply.status(201).send(await assets.upload(user.id, { data, fileName, mask: true }));
      },
    );

    app.get('/assets', { schema: { tags, summary: 'Gallery page (or the trash with trash=true), newest first', querystring: ListAssetsQuery, response: { 200: AssetPage } } }, async (request) => {
      const { user } = requireAuth(request, 'images');
      const { album, ...rest } = request.query;
      return assets.list(user.id, { ...rest, albumId: album });
    });

    app.get('/tags', { schema: { tags, summary: 'Your tags with the number of live assets carrying each', response: { 200: TagList } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return { items: await assets.tagCounts(user.id) };
    });

    app.post('/assets/bulk', { schema: { tags, summary: 'Apply one action to up to 500 assets (all or nothing: any id not yours answers 404)', body: BulkBody, response: { 200: BulkResult } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      const { action, ids, albumId } = request.body;
      if (action === 'add_to_album' || action === 'remove_from_album') {
        if (!albumId) throw new AppError('VALIDATION_FAILED', `albumId is required for ${action}.`, { field: 'albumId' });
        const count = new Set(ids).size;
        if (action === 'add_to_album') {
          const { added } = await albums.addAssets(user.id, albumId, ids);
          return { action, count, changed: added };
        }
        const { removed } = await albums.removeAssets(user.id, albumId, ids);
        return { action, count, changed: removed };
      }
      return { action, ...(await assets.bulk(user.id, action, ids)) };
    });

    app.post('/assets/archive', { schema: { tags, summary: 'Download up to 500 of your live images as one zip (any id not yours or trashed answers 404)', body: ArchiveBody, produces: ['application/zip'], response: { 200: FileAnswer('A zip of the originals', ['application/zip']) } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'images');
      const { stream } = await assets.archive(user.id, request.body.ids);
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-type', 'application/zip');
      reply.header('content-disposition', `attachment; filename="atelier-${day}.zip"`);
      reply.header('cache-control', 'no-store');
      return reply.send(stream);
    });

    app.get('/assets/:id', { schema: { tags, summary: 'One asset (trashed ones too)', params: AssetIdParams, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'images');
      return assets.get(user.id, request.params.id);
    });

    app.get('/assets/:id/content', { schema: { tags, summary: 'The stored image; supports Range, If-Range and If-None-Match', params: AssetIdParams, response: { 200: FileAnswer('The image', ['image/png', 'image/jpeg', 'image/webp', 'image/gif']), 206: FileAnswer('The requested range of the image', ['image/png', 'image/jpeg', 'image/webp', 'image/gif']), 304: NotModified } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'images');
      const ifRange = request.headers['if-range'];
      const handle = await assets.content(user.id, request.params.id, {
        range: request.headers.range,
        ifRange: typeof ifRange === 'string' ? ifRange : undefined,
      });
      const etag = etagOf(handle.asset);
      imageHeaders(reply, etag, handle.asset.checking === 1);
      reply.header('accept-ranges', 'bytes');
      if (notModified(request, etag)) return reply.status(304).send();
      // HEAD: the headers only, without decrypting the blob (an empty stream keeps our Content-Length).
      const stream = request.method === 'HEAD' ? Readable.from([]) : await handle.open();
      reply.header('content-type', handle.asset.mime);
      reply.header('content-length', String(handle.length));
      reply.header('content-disposition', contentDisposition(handle.asset));
      if (handle.range) {
        reply.status(206);
        reply.header('content-range', `bytes ${handle.range.start}-${handle.range.end}/${handle.asset.bytes}`);
      }
      return reply.send(stream);
    });

    app.get('/assets/:id/thumbnail', { schema: { tags, summary: 'WebP thumbnail, at most 512 px', params: AssetIdParams, response: { 200: FileAnswer('The thumbnail', ['image/webp']), 304: NotModified } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'images');
      const asset = await assets.requireAsset(user.id, request.params.id);
      const etag = thumbnailEtagOf(asset);
      imageHeaders(reply, etag, asset.checking === 1);
      if (notModified(request, etag)) return reply.status(304).send();
      const thumb = await assets.thumbnail(user.id, asset.id);
      reply.header('content-type', 'image/webp');
      return reply.send(thumb.data);
    });

    app.delete('/assets/:id', { schema: { tags, summary: 'Move to the trash (restorable until purged after the retention period)', params: AssetIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      await assets.trash(user.id, request.params.id);
      return reply.status(204).send();
    });

    app.post('/assets/:id/purge', { schema: { tags, summary: 'Delete a trashed image for good: its row, original and thumbnail (409 if it is not in the trash)', params: AssetIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      await assets.purgeAsset(user.id, request.params.id);
      return reply.status(204).send();
    });

    app.post('/trash/empty', { schema: { tags, summary: 'Delete everything in the trash for good; a large trash is finished by a job (202)', response: { 200: EmptyTrashResult, 202: EmptyTrashResult } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      const result = await emptyTrash.request(user.id);
      return reply.status(result.queued ? 202 : 200).send(result);
    });

    app.post('/assets/:id/restore', { schema: { tags, summary: 'Restore from the trash', params: AssetIdParams, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return assets.restore(user.id, request.params.id);
    });

    app.put('/assets/:id/favorite', { schema: { tags, summary: 'Mark as favorite', params: AssetIdParams, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return assets.setFavorite(user.id, request.params.id, true);
    });

    app.delete('/assets/:id/favorite', { schema: { tags, summary: 'Unmark as favorite', params: AssetIdParams, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return assets.setFavorite(user.id, request.params.id, false);
    });

    app.put('/assets/:id/no-training', { schema: { tags, summary: 'Mark "never use for training": the image stays out of the training dataset even while your training consent is on', params: AssetIdParams, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return assets.setNeverTrain(user.id, request.params.id, true);
    });

    app.delete('/assets/:id/no-training', { schema: { tags, summary: 'Clear the "never use for training" mark (the image is used for training only while your consent is on)', params: AssetIdParams, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return assets.setNeverTrain(user.id, request.params.id, false);
    });

    app.put('/assets/:id/tags', { schema: { tags, summary: 'Replace the tags', params: AssetIdParams, body: SetTagsBody, response: { 200: AssetSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return assets.setTags(user.id, request.params.id, request.body.tags);
    });
  };
}
