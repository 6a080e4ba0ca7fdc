/**
 * A conformance stub of BytePlus ModelArk's image generation endpoint (POST /api/v3/images/generations), speaking
 * the wire format of ../shared/spec/seedream-api.md: it validates each request as documented and refuses what the
 * real service refuses (with the documented error codes), then answers with the scripted scenario.
 */
import crypto from 'node:crypto';
import { ScriptedStub, StubRefusal } from './scripted-stub.js';
import {
  dropConnection, openEventStream, parseDataUri, probeImage, Script, sendJson, stubImage, waitOrClose, writeEvent, type StubExchange,
} from './stub-server.js';

export type ModelArkScenario =
  | {
    kind: 'success';
    /** How images come back; default: as the request's response_format says. */
    delivery?: 'url' | 'b64';
    /** Answer with plain JSON even when a stream was asked for (tolerated by clients). */
    asJson?: boolean;
    /** Images of a set skipped with this error code (partial_failed, or data[i].error). */
    failures?: Array<{ index: number; code: string }>;
    /** A partial_failed InternalServiceError at this index stops the set. */
    internalErrorAt?: number;
    /** The model returns only this many images. */
    returnOnly?: number;
    /** Called before image `index` is sent (tests hold the stream to watch images arrive one by one). */
    beforeImage?: (index: number) => Promise<void>;
  }
  | { kind: 'moderation'; code: 'InputTextSensitiveContentDetected' | 'InputImageSensitiveContentDetected' | 'OutputImageSensitiveContentDetected';
    /** HTTP 400 with a top-level error, or HTTP 200 with data[0].error (the spec leaves both open). */
    shape: 'http-400' | 'data-error' }
  | { kind: 'error'; status: 401 | 403 | 404 | 429 | 500 | 503; code?: string; retryAfter?: string }
  /** Streams this many images, then drops the connection. */
  | { kind: 'disconnect'; afterImages: number }
  /** Waits this long before answering (past the client's timeout, the client has gone by then). */
  | { kind: 'slow'; delayMs: number }
  /** Never answers; the request stays open until the client goes away. */
  | { kind: 'hang' }
  | { kind: 'malformed'; where: 'json' | 'stream' };

export interface ModelArkStubOptions {
  apiKey: string;
  /** Whether a 4.x model rejects `seed` (the spec leaves it open; default: ignore it). */
  seed?: 'ignore' | 'reject';
  /** Input aspect-ratio limit: 16 (current docs) or 3 (older 4.0 docs). */
  inputRatioLimit?: number;
}

const MODELS: Record<string, '4.0' | '4.5'> = { 'seedream-4-0-250828': '4.0', 'seedream-4-5-251128': '4.5' };
const FIELDS = new Set(['model', 'prompt', 'image', 'size', 'seed', 'sequential_image_generation', 'sequential_image_generation_options',
  'stream', 'response_format', 'watermark', 'optimize_prompt_options', 'guidance_scale']);
const PRESET_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

class Refusal extends StubRefusal {
  constructor(readonly status: number, readonly code: string, readonly message: string, readonly param = '') {
    super();
  }
}

interface ValidRequest {
  model: string;
  family: '4.0' | '4.5';
  size: { width: number; height: number };
  images: number;
  setMax: number;
  stream: boolean;
  b64: boolean;
}

export class ModelArkStub extends ScriptedStub<ModelArkScenario, ValidRequest, Refusal, ModelArkStubOptions> {
  readonly script = new Script<ModelArkScenario>(() => ({ kind: 'success' }));

  /** Keys the stub accepts: the one it started with, and any a test adds (a person's own key). */
  readonly keys = new Set<string>();

  static start(opts: ModelArkStubOptions): Promise<ModelArkStub> {
    return ScriptedStub.listen((server) => {
      const stub = new ModelArkStub(server, opts);
      stub.keys.add(opts.apiKey);
      return stub;
    });
  }

  get url(): string {
    return this.server.url;
  }

  protected async validate(x: StubExchange, raw: Buffer): Promise<ValidRequest> {
    if (x.req.method !== 'POST' || x.record.path !== '/api/v3/images/generations') {
      throw new Refusal(404, 'NotFound', `The requested resource ${x.record.path} was not found.`);
    }
    if (!this.keys.has((x.req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      throw new Refusal(401, 'AuthenticationError', 'The API key or AK/SK in the request is missing or invalid.');
    }
    if (!(x.req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new Refusal(400, 'InvalidParameter', 'The request body must be JSON.');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new Refusal(400, 'InvalidParameter', 'The request body is not valid JSON.');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Refusal(400, 'InvalidParameter', 'The request body must be an object.');
    x.record.body = body;
    for (const k of Object.keys(body)) if (!FIELDS.has(k)) throw new Refusal(400, 'InvalidParameter', `The parameter \`${k}\` is not supported.`, k);

    if (typeof body.model !== 'string' || !body.model) throw new Refusal(400, 'MissingParameter', 'The parameter `model` is required.', 'model');
    const family = MODELS[body.model] ?? (body.model.startsWith('ep-') ? '4.0' : undefined);
    if (!family) throw new Refusal(404, 'InvalidEndpointOrModel.NotFound', `The model or endpoint ${body.model} does not exist or you do not have access to it.`);
    if (typeof body.prompt !== 'string' || !body.prompt.trim()) throw new Refusal(400, 'MissingParameter', 'The parameter `prompt` is required.', 'prompt');

    const images = body.image === undefined ? [] : Array.isArray(body.image) ? body.image : [body.image];
    if (images.length > (family === '4.5' ? 14 : 10)) throw new Refusal(400, 'InvalidParameter', 'Too many images.', 'image');
    for (const img of images) await this.checkImage(img, family);

    const size = this.checkSize(body.size, family);
    if (body.seed !== undefined) {
      if (!Number.isInteger(body.seed) || (body.seed as number) < -1 || (body.seed as number) > 2147483647) {
        throw new Refusal(400, 'InvalidParameter', 'The parameter `seed` is out of range.', 'seed');
      }
      if (this.opts.seed === 'reject') throw new Refusal(400, 'InvalidParameter', 'The parameter `seed` is not supported by this model.', 'seed');
    }
    if (body.guidance_scale !== undefined) throw new Refusal(400, 'InvalidParameter', 'The parameter `guidance_scale` is not supported by this model.', 'guidance_scale');
    const sequential = body.sequential_image_generation ?? 'disabled';
    if (sequential !== 'auto' && sequential !== 'disabled') throw new Refusal(400, 'InvalidParameter', 'Invalid sequential_image_generation.', 'sequential_image_generation');
    let setMax = 1;
    if (body.sequential_image_generation_options !== undefined) {
      if (sequential !== 'auto') throw new Refusal(400, 'InvalidParameter', 'sequential_image_generation_options needs sequential_image_generation=auto.', 'sequential_image_generation_options');
      const max = (body.sequential_image_generation_options as { max_images?: unknown }).max_images ?? 15;
      if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 15) throw new Refusal(400, 'InvalidParameter', 'max_images must be 1..15.', 'max_images');
      setMax = max as number;
    } else if (sequential === 'auto') {
      setMax = 15;
    }
    if (sequential === 'auto' && images.length + setMax > 15) {
      throw new Refusal(400, 'InvalidParameter', 'The number of input images plus max_images must not exceed 15.', 'max_images');
    }
    for (const f of ['stream', 'watermark'] as const) {
      if (body[f] !== undefined && typeof body[f] !== 'boolean') throw new Refusal(400, 'InvalidParameter', `The parameter \`${f}\` must be a boolean.`, f);
    }
    const format = body.response_format ?? 'url';
    if (format !== 'url' && format !== 'b64_json') throw new Refusal(400, 'InvalidParameter', 'Invalid response_format.', 'response_format');
    if (body.optimize_prompt_options !== undefined) {
      const mode = (body.optimize_prompt_options as { mode?: unknown }).mode ?? 'standard';
      if (mode !== 'standard' && (mode !== 'fast' || family === '4.5')) throw new Refusal(400, 'InvalidParameter', 'Invalid optimize_prompt_options.mode.', 'optimize_prompt_options.mode');
    }
    return { model: body.model, family, size, images: images.length, setMax, stream: body.stream === true, b64: format === 'b64_json' };
  }

  private async checkImage(img: unknown, family: '4.0' | '4.5'): Promise<void> {
    if (typeof img !== 'string') throw new Refusal(400, 'InvalidParameter', 'Each image must be a URL or a data URI.', 'image');
    if (img.startsWith('https://')) return;
    const uri = parseDataUri(img);
    if (!uri) throw new Refusal(400, 'InvalidParameter', 'The image is neither an https URL nor a base64 data URI.', 'image');
    const formats = family === '4.5' ? ['jpeg', 'png', 'webp', 'bmp', 'tiff', 'gif'] : ['jpeg', 'png'];
    if (uri.data.length > 10 * 1024 * 1024) throw new Refusal(400, 'InvalidParameter', 'The image exceeds 10 MB.', 'image');
    const probe = await probeImage(uri.data);
    if (!probe || !formats.includes(probe.format) || uri.type !== `image/${probe.format}`) {
      throw new Refusal(400, 'InvalidParameter', 'The image format is not supported.', 'image');
    }
    const limit = this.opts.inputRatioLimit ?? 16;
    const ratio = probe.width / probe.height;
    if (probe.width <= 14 || probe.height <= 14 || ratio > limit || ratio < 1 / limit) {
      throw new Refusal(400, 'InvalidParameter', 'The image size or aspect ratio is out of range.', 'image');
    }
  }

  private checkSize(size: unknown, family: '4.0' | '4.5'): { width: number; height: number } {
    if (size === undefined) return { width: 2048, height: 2048 };
    if (typeof size !== 'string') throw new Refusal(400, 'InvalidParameter', 'Invalid size.', 'size');
    const presets = family === '4.5' ? ['2K', '4K'] : ['1K', '2K', '4K'];
    if (presets.includes(size)) return { width: PRESET_SIDE[size]!, height: PRESET_SIDE[size]! };
    const m = /^(\d+)x(\d+)$/.exec(size);
    if (!m) throw new Refusal(400, 'InvalidParameter', `The parameter \`size\` specified in the request is not valid: ${size}.`, 'size');
    const [width, height] = [Number(m[1]), Number(m[2])];
    const pixels = width * height;
    const min = family === '4.5' ? 3_686_400 : 921_600;
    if (pixels < min || pixels > 16_777_216 || width / height > 16 || height / width > 16) {
      throw new Refusal(400, 'InvalidParameter', `The parameter \`size\` specified in the request is not valid: ${size}.`, 'size');
    }
    return { width, height };
  }

  protected async answer(x: StubExchange, req: ValidRequest, s: ModelArkScenario): Promise<void> {
    switch (s.kind) {
      case 'error':
        return this.refuse(x, new Refusal(s.status, s.code ?? defaultCode(s.status), `Scripted ${s.status}.`), s.retryAfter);
      case 'moderation':
        if (s.shape === 'http-400') return this.refuse(x, new Refusal(400, s.code, 'The request failed because the input or output may contain sensitive information.'));
        return sendJson(x.res, 200, {
          model: req.model, created: now(), data: [{ error: { code: s.code, message: 'The output image may contain sensitive information.' } }],
          usage: { generated_images: 0, output_tokens: 0, total_tokens: 0 },
        });
      case 'slow':
        await waitOrClose(s.delayMs, x);
        if (x.isClosed()) return;
        return this.success(x, req, { kind: 'success' });
      case 'hang':
        await x.closed;
        return;
      case 'malformed':
        if (s.where === 'json') {
          x.res.writeHead(200, { 'content-type': 'application/json' }).end('{"model": "seedream", "data": [{"b64_json": ');
          return;
        }
        openEventStream(x.res);
        writeEvent(x.res, 'image_generation.partial_succeeded', '{"type": "image_generation.partial_succeeded", "image_index": 0, "b64_json": "ab');
        x.res.end();
        return;
      case 'disconnect':
        return this.success(x, req, { kind: 'success' }, s.afterImages);
      case 'success':
        return this.success(x, req, s);
    }
  }

  private async success(x: StubExchange, req: ValidRequest, s: Extract<ModelArkScenario, { kind: 'success' }>, dropAfter?: number): Promise<void> {
    const total = Math.min(req.setMax, s.returnOnly ?? req.setMax);
    const b64 = s.delivery ? s.delivery === 'b64' : req.b64;
    const items: Array<Record<string, unknown>> = [];
    let generated = 0;
    let tokens = 0;
    const makeItem = async (i: number): Promise<{ item: Record<string, unknown>; stop: boolean }> => {
      if (s.internalErrorAt === i) return { item: { error: { code: 'InternalServiceError', message: 'Internal error.' } }, stop: true };
      const failure = s.failures?.find((f) => f.index === i);
      if (failure) return { item: { error: { code: failure.code, message: 'The output image may contain sensitive information.' } }, stop: false };
      const { width, height } = req.size;
      const data = await stubImage(width, height, i, 'jpeg');
      generated += 1;
      tokens += Math.round((width * height) / 256);
      const image = b64 ? { b64_json: data.toString('base64') } : { url: this.server.host(data, 'image/jpeg') };
      return { item: { ...image, size: `${width}x${height}` }, stop: false };
    };
    const usage = () => ({ generated_images: generated, output_tokens: tokens, total_tokens: tokens });

    if (!req.stream || s.asJson) {
      for (let i = 0; i < total; i++) {
        const { item, stop } = await makeItem(i);
        items.push(item);
        if (stop) break;
      }
      return sendJson(x.res, 200, { model: req.model, created: now(), data: items, usage: usage() });
    }

    openEventStream(x.res);
    for (let i = 0; i < total; i++) {
      if (dropAfter !== undefined && i >= dropAfter) return dropConnection(x);
      await s.beforeImage?.(i);
      if (x.isClosed()) return;
      const { item, stop } = await makeItem(i);
      const type = item.error ? 'image_generation.partial_failed' : 'image_generation.partial_succeeded';
      writeEvent(x.res, type, { type, model: req.model, created: now(), image_index: i, ...item });
      if (stop) {
        writeEvent(x.res, undefined, '[DONE]');
        x.res.end();
        return;
      }
    }
    if (dropAfter !== undefined) return dropConnection(x);
    writeEvent(x.res, 'image_generation.completed', { type: 'image_generation.completed', model: req.model, created: now(), usage: usage() });
    writeEvent(x.res, undefined, '[DONE]');
    x.res.end();
  }

  protected refuse(x: StubExchange, r: Refusal, retryAfter?: string): void {
    const requestId = crypto.randomBytes(8).toString('hex');
    sendJson(x.res, r.status, {
      error: { code: r.code, message: `${r.message} Request id: ${requestId}`, param: r.param, type: errorType(r.status) },
    }, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
  }
}

function defaultCode(status: number): string {
  return ({ 401: 'AuthenticationError', 403: 'AccessDenied', 404: 'ModelNotOpen', 429: 'RateLimitExceeded.EndpointRPMExceeded' } as Record<number, string>)[status]
    ?? 'InternalServiceError';
}

function errorType(status: number): string {
  return ({ 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 429: 'TooManyRequests' } as Record<number, string>)[status]
    ?? 'InternalServerError';
}

const now = () => Math.floor(Date.now() / 1000);
