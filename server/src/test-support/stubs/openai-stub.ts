/**
 * A conformance stub of the OpenAI Images API (POST /v1/images/generations as JSON, POST /v1/images/edits as
 * multipart with repeated `image[]` parts), per ../shared/spec/seedream-api.md: it rejects unknown parameters,
 * parameters a model does not take, sizes and counts outside a model's range, and answers the scripted scenario.
 */
import crypto from 'node:crypto';
import { ScriptedStub, StubRefusal } from './scripted-stub.js';
import {
  dropConnection, openEventStream, probeImage, Script, sendJson, stubImage, waitOrClose, writeEvent, type StubExchange,
} from './stub-server.js';

export type OpenAiScenario =
  | { kind: 'success'; delivery?: 'url' | 'b64' }
  | { kind: 'moderation'; code: 'moderation_blocked' | 'content_policy_violation' }
  | { kind: 'error'; status: 401 | 403 | 404 | 429 | 500 | 503; code?: string; retryAfter?: string }
  | { kind: 'disconnect'; afterImages: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  | { kind: 'malformed' };

type Family = 'gpt-image' | 'dall-e-3' | 'dall-e-2';

const MODELS: Record<string, Family> = { 'gpt-image-1': 'gpt-image', 'gpt-image-1-mini': 'gpt-image', 'dall-e-3': 'dall-e-3', 'dall-e-2': 'dall-e-2' };
const SIZES: Record<Family, string[]> = {
  'gpt-image': ['1024x1024', '1536x1024', '1024x1536', 'auto'],
  'dall-e-3': ['1024x1024', '1792x1024', '1024x1792'],
  'dall-e-2': ['256x256', '512x512', '1024x1024'],
};
const MAX_N: Record<Family, number> = { 'gpt-image': 10, 'dall-e-3': 1, 'dall-e-2': 10 };
const GENERATION_FIELDS: Record<Family, string[]> = {
  'gpt-image': ['prompt', 'model', 'n', 'size', 'quality', 'background', 'output_format', 'output_compression', 'moderation', 'stream', 'partial_images', 'user'],
  'dall-e-3': ['prompt', 'model', 'n', 'size', 'quality', 'response_format', 'style', 'user'],
  'dall-e-2': ['prompt', 'model', 'n', 'size', 'response_format', 'user'],
};
const EDIT_FIELDS: Record<Family, string[]> = {
  'gpt-image': ['prompt', 'model', 'n', 'size', 'quality', 'background', 'input_fidelity', 'output_format', 'output_compression', 'stream', 'partial_images', 'user'],
  'dall-e-3': [],
  'dall-e-2': ['prompt', 'model', 'n', 'size', 'response_format', 'user'],
};

class Refusal extends StubRefusal {
  constructor(readonly status: number, readonly code: string | null, readonly message: string, readonly param: string | null = null,
    readonly type = 'invalid_request_error') {
    super();
  }
}

interface ValidRequest {
  family: Family;
  kind: 'generation' | 'edit';
  n: number;
  size: { width: number; height: number };
  b64: boolean;
  stream: boolean;
  partialImages: number;
  inputImages: number;
}

export class OpenAiStub extends ScriptedStub<OpenAiScenario, ValidRequest, Refusal, { apiKey: string }> {
  readonly script = new Script<OpenAiScenario>(() => ({ kind: 'success' }));

  /** Keys the stub accepts: the one it started with, and any a test adds (a person's own key). */
  readonly keys = new Set<string>();

  static start(opts: { apiKey: string }): Promise<OpenAiStub> {
    return ScriptedStub.listen((server) => {
      const stub = new OpenAiStub(server, opts);
      stub.keys.add(opts.apiKey);
      return stub;
    });
  }

  /** GET /v1/models: the cheap call that checks a key (401 invalid_api_key, like every endpoint). */
  protected override answerAside(x: StubExchange): boolean {
    if (x.req.method !== 'GET' || x.record.path !== '/v1/models') return false;
    const given = (x.req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.keys.has(given)) {
      sendJson(x.res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    } else {
      sendJson(x.res, 200, { object: 'list', data: Object.keys(MODELS).map((id) => ({ id, object: 'model', created: 0, owned_by: 'system' })) });
    }
    return true;
  }

  /** What ATELIER_OPENAI_BASE_URL is set to (the API root, like https://api.openai.com/v1). */
  get baseUrl(): string {
    return `${this.server.url}/v1`;
  }

  protected async validate(x: StubExchange, raw: Buffer): Promise<ValidRequest> {
    const kind = x.record.path === '/v1/images/generations' ? 'generation' : x.record.path === '/v1/images/edits' ? 'edit' : undefined;
    if (x.req.method !== 'POST' || !kind) throw new Refusal(404, null, `Invalid URL (${x.req.method} ${x.record.path})`);
    const auth = x.req.headers.authorization ?? '';
    if (!this.keys.has(auth.replace(/^Bearer /, ''))) {
      const given = auth.replace(/^Bearer /, '');
      throw new Refusal(401, 'invalid_api_key', `Incorrect API key provided: ${given.slice(0, 3)}****${given.slice(-4)}. You can find your API key in your account settings.`);
    }
    const fields = kind === 'generation' ? this.jsonFields(x, raw) : await this.formFields(x, raw);
    const model = typeof fields.model === 'string' ? fields.model : 'dall-e-2';
    const family = MODELS[model];
    if (!family) throw new Refusal(404, 'model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`, null);
    if (kind === 'edit' && family === 'dall-e-3') throw new Refusal(400, 'invalid_value', 'Invalid value: \'dall-e-3\'. Supported values are: \'dall-e-2\' and \'gpt-image-1\'.', 'model');
    const allowed = (kind === 'generation' ? GENERATION_FIELDS : EDIT_FIELDS)[family];
    for (const k of Object.keys(fields)) if (!allowed.includes(k)) throw new Refusal(400, 'unknown_parameter', `Unknown parameter: '${k}'.`, k);
    if (typeof fields.prompt !== 'string' || !fields.prompt) throw new Refusal(400, null, 'Missing required parameter: \'prompt\'.', 'prompt');
    const n = fields.n === undefined ? 1 : Number(fields.n);
    if (!Number.isInteger(n) || n < 1 || n > MAX_N[family]) throw new Refusal(400, 'invalid_value', `Invalid 'n': must be between 1 and ${MAX_N[family]}.`, 'n');
    const sizeText = String(fields.size ?? (family === 'gpt-image' ? 'auto' : '1024x1024'));
    if (!SIZES[family].includes(sizeText)) throw new Refusal(400, 'invalid_value', `Invalid value: '${sizeText}'. Supported values are: ${SIZES[family].join(', ')}.`, 'size');
    const format = fields.response_format ?? 'url';
    if (format !== 'url' && format !== 'b64_json') throw new Refusal(400, 'invalid_value', `Invalid value: '${String(format)}'.`, 'response_format');
    if (fields.style !== undefined && fields.style !== 'vivid' && fields.style !== 'natural') throw new Refusal(400, 'invalid_value', 'Invalid style.', 'style');
    const stream = fields.stream === true || fields.stream === 'true';
    const partialImages = fields.partial_images === undefined ? 0 : Number(fields.partial_images);
    if (!Number.isInteger(partialImages) || partialImages < 0 || partialImages > 3) throw new Refusal(400, 'invalid_value', 'partial_images must be 0..3.', 'partial_images');
    const [w, h] = sizeText === 'auto' ? [1024, 1024] : sizeText.split('x').map(Number) as [number, number];
    return {
      family, kind, n, size: { width: w, height: h }, b64: family === 'gpt-image' || format === 'b64_json', stream, partialImages,
      inputImages: x.record.files.length,
    };
  }

  private jsonFields(x: StubExchange, raw: Buffer): Record<string, unknown> {
    if (!(x.req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new Refusal(400, null, 'Invalid content type: image generations take application/json.');
    }
    try {
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      x.record.body = body;
      return body;
    } catch {
      throw new Refusal(400, null, 'We could not parse the JSON body of your request.');
    }
  }

  private async formFields(x: StubExchange, raw: Buffer): Promise<Record<string, unknown>> {
    const type = x.req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) throw new Refusal(400, null, 'Invalid content type: image edits take multipart/form-data.');
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    } catch {
      throw new Refusal(400, null, 'We could not parse the multipart body of your request.');
    }
    const fields: Record<string, unknown> = {};
    const images: File[] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') {
        fields[name] = value;
      } else if (name === 'image[]' || name === 'image') {
        images.push(value);
        x.record.files.push({ field: name, name: value.name, type: value.type, bytes: value.size });
      } else if (name !== 'mask') {
        throw new Refusal(400, 'unknown_parameter', `Unknown parameter: '${name}'.`, name);
      }
    }
    x.record.body = fields;
    const family = MODELS[String(fields.model ?? 'dall-e-2')];
    const max = family === 'gpt-image' ? 16 : 1;
    if (images.length === 0) throw new Refusal(400, null, 'Missing required parameter: \'image\'.', 'image');
    if (images.length > max) throw new Refusal(400, 'invalid_value', `Too many images: at most ${max}.`, 'image');
    for (const file of images) {
      const probe = await probeImage(Buffer.from(await file.arrayBuffer()));
      const ok = family === 'gpt-image' ? ['png', 'jpeg', 'webp'] : ['png'];
      if (!probe || !ok.includes(probe.format) || file.size > 50 * 1024 * 1024) {
        throw new Refusal(400, 'invalid_image_format', `Invalid image file: ${file.name}. Supported formats are: ${ok.join(', ')}.`, 'image');
      }
    }
    return fields;
  }

  protected async answer(x: StubExchange, req: ValidRequest, s: OpenAiScenario): Promise<void> {
    switch (s.kind) {
      case 'error':
        return this.refuse(x, new Refusal(s.status, s.code ?? defaultCode(s.status), `Scripted ${s.status}.`, null, s.status >= 500 ? 'server_error' : 'requests'), s.retryAfter);
      case 'moderation':
        return this.refuse(x, new Refusal(400, s.code, 'Your request was rejected as a result of our safety system.', null, 'image_generation_user_error'));
      case 'slow':
        await waitOrClose(s.delayMs, x);
        if (x.isClosed()) return;
        return this.success(x, req, 'b64');
      case 'hang':
        await x.closed;
        return;
      case 'malformed':
        x.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId() }).end('{"created": 1, "data": [{"b64_json": "');
        return;
      case 'disconnect':
        return this.success(x, req, req.b64 ? 'b64' : 'url', s.afterImages);
      case 'success':
        return this.success(x, req, s.delivery ?? (req.b64 ? 'b64' : 'url'));
    }
  }

  private async success(x: StubExchange, req: ValidRequest, delivery: 'url' | 'b64', dropAfter?: number): Promise<void> {
    const { width, height } = req.size;
    const usageOf = (images: number) => ({
      input_tokens: 50 + req.inputImages * 300, output_tokens: images * 4160, total_tokens: 50 + req.inputImages * 300 + images * 4160,
      input_tokens_details: { text_tokens: 50, image_tokens: req.inputImages * 300 },
    });
    const item = async (i: number) => {
      const data = await stubImage(width, height, i, 'png');
      return delivery === 'b64' ? { b64_json: data.toString('base64') } : { url: this.server.host(data, 'image/png') };
    };
    if (!req.stream) {
      if (dropAfter !== undefined) {
        x.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId() });
        x.res.write('{"created": 1, "data": [');
        return dropConnection(x);
      }
      const data = [];
      for (let i = 0; i < req.n; i++) data.push({ ...(await item(i)), ...(req.family === 'dall-e-3' ? { revised_prompt: 'revised' } : {}) });
      return sendJson(x.res, 200, { created: now(), data, ...(req.family === 'gpt-image' ? { usage: usageOf(req.n) } : {}) }, { 'x-request-id': requestId() });
    }
    const prefix = req.kind === 'edit' ? 'image_edit' : 'image_generation';
    openEventStream(x.res, { 'x-request-id': requestId() });
    for (let i = 0; i < req.n; i++) {
      if (dropAfter !== undefined && i >= dropAfter) return dropConnection(x);
      const full = await item(i);
      for (let p = 0; p < req.partialImages; p++) {
        writeEvent(x.res, `${prefix}.partial_image`, { type: `${prefix}.partial_image`, b64_json: full.b64_json, partial_image_index: p, size: `${width}x${height}`, created_at: now() });
      }
      writeEvent(x.res, `${prefix}.completed`, { type: `${prefix}.completed`, ...full, size: `${width}x${height}`, created_at: now(), usage: usageOf(1) });
    }
    if (dropAfter !== undefined) return dropConnection(x);
    x.res.end();
  }

  protected refuse(x: StubExchange, r: Refusal, retryAfter?: string): void {
    sendJson(x.res, r.status, { error: { message: r.message, type: r.type, param: r.param, code: r.code } }, {
      'x-request-id': requestId(), ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
    });
  }
}

function defaultCode(status: number): string {
  return ({ 401: 'invalid_api_key', 403: 'unsupported_country_region_territory', 404: 'model_not_found', 429: 'rate_limit_exceeded' } as Record<number, string>)[status]
    ?? 'server_error';
}

const requestId = () => `req_${crypto.randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
