import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import type { Services } from '../../services.js';
import {
  AddAssetsResult, AlbumAssetParams, AlbumAssetsBody, AlbumIdParams, AlbumPage, AlbumSchema, CreateAlbumBody, ListAlbumsQuery,
  RemoveAssetsResult, UpdateAlbumBody,
} from './schemas.js';

/**
 * Albums:
 *   GET    /albums                       list (keyset pages, newest first) with asset count and cover
 *   POST   /albums                       {name, description?} → 201
 *   GET    /albums/:id
 *   PATCH  /albums/:id                   {name?, description?, neverUseForTraining?}
 *   DELETE /albums/:id                   → 204; the assets stay
 *   POST   /albums/:id/assets            {assetIds} add (live assets only)
 *   DELETE /albums/:id/assets            {assetIds} remove several
 *   DELETE /albums/:id/assets/:assetId   remove one
 * An album's assets are listed by the gallery: GET /assets?album=<id>.
 */
export function albumRoutes(services: Pick<Services, 'albums'>) {
  const { albums } = services;
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['albums'];

    app.get('/albums', { schema: { tags, summary: 'Your albums, newest first, with asset count and cover', querystring: ListAlbumsQuery, response: { 200: AlbumPage } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return albums.list(user.id, request.query);
    });

    app.post('/albums', { schema: { tags, summary: 'Create an album', body: CreateAlbumBody, response: { 201: AlbumSchema } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      return reply.status(201).send(await albums.create(user.id, request.body));
    });

    app.get('/albums/:id', { schema: { tags, summary: 'One album', params: AlbumIdParams, response: { 200: AlbumSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return albums.get(user.id, request.params.id);
    });

    app.patch('/albums/:id', { schema: { tags, summary: 'Rename or describe an album, or mark it never to be used for training', params: AlbumIdParams, body: UpdateAlbumBody, response: { 200: AlbumSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return albums.update(user.id, request.params.id, request.body);
    });

    app.delete('/albums/:id', { schema: { tags, summary: 'Delete an album (its assets stay)', params: AlbumIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'library');
      await albums.delete(user.id, request.params.id);
      return reply.status(204).send();
    });

    app.post('/albums/:id/assets', { schema: { tags, summary: 'Add assets (all or nothing)', params: AlbumIdParams, body: AlbumAssetsBody, response: { 200: AddAssetsResult } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return albums.addAssets(user.id, request.params.id, request.body.assetIds);
    });

    app.delete('/albums/:id/assets', { schema: { tags, summary: 'Remove assets', params: AlbumIdParams, body: AlbumAssetsBody, response: { 200: RemoveAssetsResult } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return albums.removeAssets(user.id, request.params.id, request.body.assetIds);
    });

    app.delete('/albums/:id/assets/:assetId', { schema: { tags, summary: 'Remove one asset', params: AlbumAssetParams, response: { 200: RemoveAssetsResult } } }, async (request) => {
      const { user } = requireAuth(request, 'library');
      return albums.removeAssets(user.id, request.params.id, [request.params.assetId]);
    });
  };
}
