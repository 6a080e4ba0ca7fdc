import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { readMultipartFile } from '../../http/multipart-file.js';
import { FileAnswer } from '../../http/schema-types.js';
import type { Services } from '../../services.js';
import { CostShapes } from '../generations/cost-shape.js';
import { BatchIdParams, BatchList, BatchListQuery, BatchSchema } from './schemas.js';
import { GENERATES } from '../../http/rate-limit.js';

/** Batches of generations from an uploaded CSV or JSONL file (scope `images`). */
export function batchRoutes(services: Pick<Services, 'batches' | 'config'>) {
  const { batches, config } = services;
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['batches'];

    app.post('/batches', { config: GENERATES, schema: { tags, summary: 'Start a batch: one generation per row of a CSV or JSONL file (multipart field "file", up to 1,000 rows)', consumes: ['multipart/form-data'], response: { 201: BatchSchema } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'images');
      const { data, fileName } = await readMultipartFile(request, 'the batch file', config.maxUploadBytes);
      const batch = await batches.create(user, fileName, data.toString('utf8'));
      return reply.status(201).header('location', `/api/v1/batches/${batch.id}`).send(batch);
    });

    app.post('/batches/cost', { schema: { tags, summary: 'What a batch file would queue, to price it before starting it (multipart field "file"; nothing is started)', consumes: ['multipart/form-data'], response: { 200: CostShapes } } }, async (request) => {
      const { user } = requireAuth(request, 'images');
      const { data, fileName } = await readMultipartFile(request, 'the batch file', config.maxUploadBytes);
      return { requests: await batches.costOf(user, fileName, data.toString('utf8')) };
    });

    app.get('/batches', { schema: { tags, summary: 'Your batches, newest first', querystring: BatchListQuery, response: { 200: BatchList } } }, async (request) =>
      ({ items: await batches.list(requireAuth(request, 'images').user.id, request.query.limit) }),
    );

    app.get('/batches/:id', { schema: { tags, summary: 'A batch with the progress of each row', params: BatchIdParams, response: { 200: BatchSchema } } }, async (request) =>
      batches.get(requireAuth(request, 'images').user.id, request.params.id),
    );

    app.post('/batches/:id/cancel', { schema: { tags, summary: 'Cancel the rows of a batch not yet finished', params: BatchIdParams, response: { 200: BatchSchema } } }, async (request) =>
      batches.cancel(requireAuth(request, 'images').user.id, request.params.id),
    );

    app.get('/batches/:id/archive', { schema: { tags, summary: 'The batch\'s images as one zip, named by row', params: BatchIdParams, produces: ['application/zip'], response: { 200: FileAnswer('A zip of the images', ['application/zip']) } } }, async (request, reply) => {
      const { fileName, stream } = await batches.archive(requireAuth(request, 'images').user.id, request.params.id);
      reply.header('content-type', 'application/zip');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(stream);
    });
  };
}
