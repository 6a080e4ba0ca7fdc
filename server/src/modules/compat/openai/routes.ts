import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { registerBearerAuth, requireAuth } from '../../../http/auth-context.js';
import { AppError } from '../../../http/errors.js';
import type { Services } from '../../../services.js';
import type { GenerationDto } from '../../generations/dto.js';
import { answerErrorsAs, GenerationFailure } from '../compat-errors.js';
import { failureOf, finishedGeneration } from '../finished.js';
import { LINK_TTL_MS } from '../image-links.js';
import { engineNamed, imageField } from '../images.js';
import { RequestUploads } from '../request-uploads.js';
import { readEditForm, type EditForm } from './edit-form.js';
import { fittedTo, inpaintMask, sizeOf } from './edit-images.js';
import { openAiError } from './errors.js';
import { OpenAiGenerateBody, OpenAiImagesAnswer, OpenAiModelList } from './schemas.js';
import { byAddress, GENERATES } from '../../../http/rate-limit.js';

/** gpt-image-1, gpt-image-1-mini, dall-e-2, dall-e-3… */
const OPENAI_IMAGE_MODEL = /^(gpt-image-|dall-e-)/;

type Deps = Pick<Services, 'engines' | 'generations' | 'events' | 'assets' | 'imageLinks' | 'tokens' | 'config' | 'uploadChecks'>;

/**
 * OpenAI's Images API served by Atelier (mounted at /v1), so existing OpenAI clients work with a personal API token:
 * every request goes through the studio's GenerationService (ownership, limits, moderation) and waits for the images.
 */
export function openAiRoutes(d: Deps) {
  const wait = { generations: d.generations, events: d.events, waitMs: d.config.compatWaitMs };

  /**
   * `model` names an Atelier engine (its id, or the model it runs). Omitted, or one of OpenAI's own image models
   * (which clients often send unasked): the instance default.
   */
  const engineFor = (model: string | undefined): string | undefined => {
    if (model === undefined || OPENAI_IMAGE_MODEL.test(model)) return undefined;
    const id = engineNamed(d.engines, model);
    if (!id) {
      const known = d.engines.list().map((e) => e.id).join(', ');
      throw new AppError('NOT_FOUND', `The model "${model}" does not exist on this Atelier. Models: ${known}.`, { field: 'model' });
    }
    return id;
  };

  /** The images of the generations the request started; its error when none made any. */
  async function answer(request: FastifyRequest, userId: string, started: GenerationDto[], format: 'b64_json' | 'url') {
    const finished = [];
    for (const s of started) finished.push(await finishedGeneration(wait, userId, s));
    const made = finished.filter((g) => !failureOf(g));
    if (made.length === 0) throw new GenerationFailure(failureOf(finished[0]!)!);
    const field = imageField(request, d, userId, format, LINK_TTL_MS.openai);
    const data = [];
    for (const g of made) for (const o of g.outputs) if (o.asset) data.push(await field(o.asset));
    return { created: Math.floor(Date.parse(finished[0]!.createdAt) / 1000), data };
  }

  /**
   * One image edited `form.n` times (an edit makes one image, so n edits), with OpenAI's mask as the inpainting
   * mask, fitted to `form.size` first. Each edit passes the same checks; when one is refused the others are canceled.
   */
  async function startEdits(userId: string, form: EditForm, engine: string | undefined, uploads: RequestUploads): Promise<GenerationDto[]> {
    const original = form.images[0]!;
    const source = form.size ? await fittedTo(original, form.size) : original;
    let maskId: string | undefined;
    if (form.mask) {
      const mask = await inpaintMask(form.mask, await sizeOf(original));
      maskId = await uploads.add(form.size ? await fittedTo(mask, form.size) : mask, 'openai-edit-mask.png', { mask: true });
    }
    const assetId = await uploads.add(source, 'openai-edit-1');
    const started: GenerationDto[] = [];
    try {
      for (let i = 0; i < form.n; i++) started.push(await d.generations.edit(userId, { assetId, instruction: form.prompt, engine, mask: maskId }));
    } catch (err) {
      for (const g of started) await d.generations.cancel(userId, g.id).catch(() => undefined);
      throw err;
    }
    return started;
  }

  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    registerBearerAuth(app, d.tokens);
    answerErrorsAs(app, openAiError);
    const tags = ['openai-compatible'];
    const security = [{ token: [] }];
    // OpenAI's contract, not Atelier's: kept out of Atelier's API document (its error shape is OpenAI's).
    const hide = true;

    app.get('/models', { schema: { hide, tags, security, summary: 'The engines, as OpenAI models', response: { 200: OpenAiModelList } } }, async (request) => {
      requireAuth(request, 'images');
      return { object: 'list' as const, data: d.engines.list().map((e) => ({ id: e.id, object: 'model' as const, created: 0, owned_by: 'atelier' })) };
    });

    app.post('/images/generations', { config: GENERATES, schema: { hide, tags, security, summary: 'Create images (OpenAI Images API)', body: OpenAiGenerateBody, response: { 200: OpenAiImagesAnswer } } }, async (request) => {
      const { user } = requireAuth(request, 'images');
      const b = request.body;
      const started = await d.generations.generate(user.id, {
        prompt: b.prompt, engine: engineFor(b.model), size: b.size === 'auto' ? undefined : b.size, count: b.n ?? 1,
      }, user);
      return answer(request, user.id, [started], b.response_format ?? 'b64_json');
    });

    app.post('/images/edits', { config: byAddress('generation-address', 'upload-address'), schema: { hide, tags, security, summary: 'Edit an image (OpenAI Images API, multipart/form-data)', consumes: ['multipart/form-data'], response: { 200: OpenAiImagesAnswer } } }, async (request) => {
      const { user } = requireAuth(request, 'images');
      const form = await readEditForm(request, d.config.maxUploadBytes);
      const engine = engineFor(form.model);
      const uploads = new RequestUploads(d.assets, user.id, d.uploadChecks);
      const started = await uploads.keptIf(async () => {
        // One image is edited by the instruction; several are references for a new image, as gpt-image treats them.
        if (form.images.length === 1) return startEdits(user.id, form, engine, uploads);
        const ids = [];
        for (const [i, image] of form.images.entries()) ids.push(await uploads.add(image, `openai-edit-${i + 1}`));
        return [await d.generations.generate(user.id, { prompt: form.prompt, engine, references: ids, size: form.size, count: form.n }, user)];
      });
      return answer(request, user.id, started, form.responseFormat);
    });
  };
}
