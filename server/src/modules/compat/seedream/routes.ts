import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { registerBearerAuth, requireAuth } from '../../../http/auth-context.js';
import { AppError } from '../../../http/errors.js';
import { EventStream } from '../../../http/schema-types.js';
import { openSse } from '../../../http/sse.js';
import type { Services } from '../../../services.js';
import { MAX_SET_TOTAL } from '../../generations/service.js';
import { answerErrorsAs, GenerationFailure } from '../compat-errors.js';
import { followGeneration } from '../follow-generation.js';
import { failureOf, finishedGeneration } from '../finished.js';
import { LINK_TTL_MS } from '../image-links.js';
import { engineNamed, imageField } from '../images.js';
import { jsonAnswer } from './answer.js';
import { modelArkError } from './errors.js';
import { RequestUploads } from '../request-uploads.js';
import { referenceIds } from './references.js';
import { SeedreamGenerateBody, type SeedreamGenerate } from './schemas.js';
import { SeedreamStream } from './stream.js';
import { GENERATES } from '../../../http/rate-limit.js';

type Deps = Pick<Services, 'engines' | 'generations' | 'events' | 'assets' | 'imageLinks' | 'tokens' | 'config' | 'uploadChecks'>;

/** Data URIs of up to 14 references make large bodies; the usual 1 MB limit is for the studio's JSON. */
const BODY_LIMIT = 64 * 1024 * 1024;

/**
 * BytePlus ModelArk's Seedream API served by Atelier (POST /api/v3/images/generations), backed by whatever engine the
 * instance runs: a Seedream client pointed at Atelier with a personal API token as its key works unchanged.
 */
export function seedreamRoutes(d: Deps) {
  const wait = { generations: d.generations, events: d.events, waitMs: d.config.compatWaitMs };

  /** How many images: one, or with `sequential_image_generation: auto` up to max_images, within the set's limits. */
  const countFor = (b: SeedreamGenerate, engineId: string | undefined, references: number): number => {
    if (b.sequential_image_generation !== 'auto') return 1;
    const room = Math.min(MAX_SET_TOTAL - references, d.engines.get(engineId).describe().maxOutputs);
    if (room < 1) throw new AppError('VALIDATION_FAILED', `References plus images may not exceed ${MAX_SET_TOTAL}.`, { field: 'references' });
    return Math.min(b.sequential_image_generation_options?.max_images ?? MAX_SET_TOTAL, room);
  };

  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    registerBearerAuth(app, d.tokens);
    answerErrorsAs(app, modelArkError);

    app.post('/images/generations', {
      config: GENERATES,
      bodyLimit: BODY_LIMIT,
      // ModelArk's contract, not Atelier's: kept out of Atelier's API document (its error shape is ModelArk's).
      schema: { hide: true, tags: ['seedream-compatible'], security: [{ token: [] }], summary: 'Generate images (BytePlus ModelArk Seedream API)', body: SeedreamGenerateBody,
        response: { 200: { ...EventStream, description: 'ModelArk\'s answer, or with stream: true its Server-Sent Events' } } },
    }, async (request, reply) => {
      const { user } = requireAuth(request, 'images');
      const b = request.body;
      const engine = engineNamed(d.engines, b.model);
      const engineCaps = d.engines.get(engine).describe();
      const uploads = new RequestUploads(d.assets, user.id, d.uploadChecks);
      const started = await uploads.keptIf(async () => {
        const references = await referenceIds(request, uploads, b.image === undefined ? [] : [b.image].flat());
        return d.generations.generate(user.id, {
          prompt: b.prompt, engine, size: b.size, references, count: countFor(b, engine, references.length),
          seed: b.seed !== undefined && b.seed >= 0 && engineCaps.seed ? b.seed : undefined,
          watermark: b.watermark ?? true,
        }, user);
      });
      const field = imageField(request, d, user.id, b.response_format ?? 'url', LINK_TTL_MS.seedream);

      if (!b.stream) {
        const g = await finishedGeneration(wait, user.id, started);
        const failure = failureOf(g);
        if (failure) throw new GenerationFailure(failure);
        return reply.send(await jsonAnswer(g, field));
      }
      const stream = new SeedreamStream(openSse(request, reply), started, field);
      const final = await followGeneration(d.events, started.id, () => d.generations.get(user.id, started.id),
        { timeoutMs: wait.waitMs, onEvent: stream.onEvent });
      if (final) await stream.finish(final);
      else stream.fail({ status: 504, code: 'GENERATION_TIMEOUT', message: `The set was not ready in time; it goes on in your Atelier history (generation ${started.id}).` });
    });
  };
}
