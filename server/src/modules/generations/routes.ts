import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../http/auth-context.js';
import { EventStream } from '../../http/schema-types.js';
import { openSse } from '../../http/sse.js';
import { tokenHolder } from '../../events/live-streams.js';
import type { Services } from '../../services.js';
import { ANALYTICS_COOKIE } from '../privacy/analytics/routes.js';
import { explainOperations } from '../edits/operations-check.js';
import { isTerminal } from './dto.js';
import { streamGeneration } from './event-stream.js';
import { localisedGeneration } from './localised.js';
import { requestLanguage } from '../../http/request-language.js';
import { EditBody, GenerateBody, GenerationIdParams, GenerationPage, GenerationSchema, HistoryQuery } from './schemas.js';
import { GENERATES } from '../../http/rate-limit.js';

/** Usage is counted only for people who accepted analytics in the cookie banner, as /privacy says. */
const usageConsent = (request: FastifyRequest) => ({ analyticsAccepted: request.cookies[ANALYTICS_COOKIE] === '1' });

export function generationRoutes(services: Pick<Services, 'generations' | 'events' | 'liveStreams' | 'config'>) {
  const { generations, events, liveStreams } = services;
  /** The person starting a job (whether they may is GenerationService's check, made for every way of starting a job). */
  const creator = (request: FastifyRequest) => requireAuth(request, 'images').user;
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['generations'];

    app.post('/generations', { config: GENERATES, schema: { tags, summary: 'Start a generation (a set of 1 to 15 images)', body: GenerateBody, response: { 202: GenerationSchema } } }, async (request, reply) => {
      const user = creator(request);
      const g = await generations.generate(user.id, request.body, user, usageConsent(request));
      return reply.status(202).header('location', `/api/v1/generations/${g.id}`).send(g);
    });

    app.post('/edits', { config: GENERATES, preValidation: explainOperations, schema: { tags, summary: 'Edit an image by instruction or operations (the original is kept)', body: EditBody, response: { 202: GenerationSchema } } }, async (request, reply) => {
      const g = await generations.edit(creator(request).id, request.body, usageConsent(request));
      return reply.status(202).header('location', `/api/v1/generations/${g.id}`).send(g);
    });

    app.get('/generations', { schema: { tags, summary: 'Your history, newest first', querystring: HistoryQuery, response: { 200: GenerationPage } } }, async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await generations.history(requireAuth(request, 'images').user.id, filter, cursor, limit);
      return { ...page, items: page.items.map((g) => localisedGeneration(g, requestLanguage(request))) };
    });

    app.get('/generations/:id', { schema: { tags, summary: 'One generation with its outputs', params: GenerationIdParams, response: { 200: GenerationSchema } } }, async (request) =>
      localisedGeneration(await generations.get(requireAuth(request, 'images').user.id, request.params.id), requestLanguage(request)),
    );

    app.post('/generations/:id/cancel', { schema: { tags, summary: 'Cancel a queued or running generation', params: GenerationIdParams, response: { 200: GenerationSchema } } }, async (request) =>
      generations.cancel(requireAuth(request, 'images').user.id, request.params.id),
    );

    app.post('/generations/:id/rerun', { config: GENERATES, schema: { tags, summary: 'Run the same request again (a new generation)', params: GenerationIdParams, response: { 202: GenerationSchema } } }, async (request, reply) => {
      const g = await generations.rerun(creator(request).id, request.params.id, usageConsent(request));
      return reply.status(202).header('location', `/api/v1/generations/${g.id}`).send(g);
    });

    /** Live progress: a snapshot first, then status/progress/preview/image/output_error events, then a final snapshot. */
    app.get('/generations/:id/events', { schema: { tags, summary: 'Live progress as Server-Sent Events', params: GenerationIdParams, response: { 200: EventStream } } }, async (request, reply) => {
      const { user, session, tokenId } = requireAuth(request, 'images');
      const userId = user.id;
      // A stream opened with an API token is held under the token: revoking the token ends it.
      const holder = session?.id ?? tokenHolder(tokenId!);
      const load = async () => localisedGeneration(await generations.get(userId, request.params.id), user.language);
      const first = await load();
      const sse = await liveStreams.open(userId, holder, () => openSse(request, reply));
      if (isTerminal(first.status)) {
        sse.send('generation', first);
        sse.close();
        return;
      }
      await streamGeneration(sse, events, first.id, load);
    });
  };
}
