import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { image, multipart } from '../../modules/assets/test-fixtures.js';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { engineConfig, RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import { OpenAiStub } from '../../test-support/stubs/openai-stub.js';

const KEY = 'sk-test-openai-9d2e71c4ab';

interface Env {
  stub: OpenAiStub;
  t: TestApp;
  runtime: RecordingRuntime;
  admin: TestUser;
  user: TestUser;
}

async function startEnv(extra: Record<string, string> = {}): Promise<Env> {
  const stub = await OpenAiStub.start({ apiKey: KEY });
  const runtime = new RecordingRuntime();
  const t = await createTestApp({
    engineRuntime: runtime,
    config: {
      engines: engineConfig({
        ATELIER_OPENAI_API_KEY: KEY, ATELIER_OPENAI_BASE_URL: stub.baseUrl, ATELIER_OPENAI_TIMEOUT_MS: '400',
        ATELIER_ENGINE_RETRIES: '3', ATELIER_ENGINE_RETRY_BASE_MS: '100', ATELIER_ENGINE_RETRY_MAX_MS: '5000', ...extra,
      }),
    },
  });
  const admin = await signUp(t.app);
  const user = await signUp(t.app);
  return { stub, t, runtime, admin, user };
}

async function stopEnv(e: Env) {
  await e.t.close();
  await e.stub.close();
}

const generate = (e: Env, payload: Record<string, unknown>) =>
  e.t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: e.user.headers, payload: { engine: 'openai', ...payload } });

async function run(e: Env, payload: Record<string, unknown>) {
  const res = await generate(e, payload);
  expect(res.statusCode, res.body).toBe(202);
  return waitForGeneration(e.t.app, e.user, res.json().id);
}

async function upload(e: Env, png: Buffer): Promise<string> {
  const form = multipart({ data: png, filename: 'ref.png', contentType: 'image/png' });
  const res = await e.t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...e.user.headers, ...form.headers }, payload: form.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('OpenAI-compatible engine with gpt-image-1', () => {
  let e: Env;
  beforeAll(async () => {
    e = await startEnv();
  });
  afterAll(() => stopEnv(e));
  beforeEach(() => {
    e.stub.script.clear();
    e.runtime.sleeps.length = 0;
  });

  it('generates from a prompt with the documented JSON body and records model and usage', async () => {
    const g = await run(e, { prompt: 'a paper boat', count: 2, size: '1536x1024' });
    expect(g.status).toBe('succeeded');
    expect(g.model).toBe('gpt-image-1');
    expect(g.usage).toMatchObject({ generated_images: 2, output_tokens: 8320 });
    expect(g.outputs.map((o: any) => [o.asset.width, o.asset.mime])).toEqual([[1536, 'image/png'], [1536, 'image/png']]);
    const req = e.stub.requests.at(-1)!;
    expect(req.path).toBe('/v1/images/generations');
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toEqual({ model: 'gpt-image-1', prompt: 'a paper boat', n: 2, size: '1536x1024' });
  });

  it('sends references to /images/edits as repeated image[] parts', async () => {
    const refs = [await upload(e, await image('png', 40, 40)), await upload(e, await image('gif', 30, 30)), await upload(e, await image('webp', 50, 40))];
    const g = await run(e, { prompt: 'combine them', references: refs });
    expect(g.status).toBe('succeeded');
    const req = e.stub.requests.at(-1)!;
    expect(req.path).toBe('/v1/images/edits');
    expect(req.files.map((f) => [f.field, f.type])).toEqual([['image[]', 'image/png'], ['image[]', 'image/png'], ['image[]', 'image/webp']]);
    expect(req.body).toEqual({ model: 'gpt-image-1', prompt: 'combine them', n: '1', size: '1024x1024' });
  });

  it('edits by instruction with the source image and size auto', async () => {
    const source = await upload(e, await image('png', 64, 48));
    const res = await e.t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: e.user.headers, payload: { assetId: source, engine: 'openai', instruction: 'add snow' } });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForGeneration(e.t.app, e.user, res.json().id);
    expect(g.status).toBe('succeeded');
    expect(e.stub.requests.at(-1)!.body).toMatchObject({ prompt: 'add snow', size: 'auto' });
  });

  it('refuses sizes and counts the model does not have before any call', async () => {
    const before = e.stub.requests.length;
    for (const [payload, pattern] of [
      [{ size: '2048x2048' }, /./], [{ size: '1200x1024' }, /1024x1024, 1536x1024, 1024x1536/], [{ count: 11 }, /at most 10/],
      [{ seed: 3 }, /seed/],
    ] as const) {
      const res = await generate(e, { prompt: 'x', ...payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toMatch(pattern);
    }
    expect(e.stub.requests.length).toBe(before);
  });

  it('names the refused input when the safety system blocks a request', async () => {
    e.stub.script.push({ kind: 'moderation', code: 'moderation_blocked' });
    const g = await run(e, { prompt: 'no' });
    expect(g.error).toEqual({ code: 'CONTENT_REFUSED', message: 'OpenAI\'s safety system refused the prompt. Change it and try again.' });
  });

  it('retries 429 (honouring Retry-After), 500, timeouts, broken and garbled answers', async () => {
    const before = e.stub.requests.length;
    e.stub.script.push(
      { kind: 'error', status: 429, retryAfter: '2' }, { kind: 'error', status: 500 }, { kind: 'slow', delayMs: 5000 },
    );
    expect((await run(e, { prompt: 'first' })).status).toBe('succeeded');
    e.stub.script.push({ kind: 'disconnect', afterImages: 0 }, { kind: 'malformed' }, { kind: 'error', status: 429 });
    expect((await run(e, { prompt: 'second' })).status).toBe('succeeded');
    expect(e.stub.requests.length - before).toBe(8);
    expect(e.runtime.sleeps[0]).toBe(2000);
  });

  it('treats a bad key and an exhausted quota as configuration problems, never showing the key', async () => {
    e.stub.script.push({ kind: 'error', status: 429, code: 'insufficient_quota' });
    const quota = await run(e, { prompt: 'x' });
    expect(quota.error.code).toBe('ENGINE_UNAVAILABLE');
    const wrongKey = await createTestApp({
      config: { engines: engineConfig({ ATELIER_OPENAI_API_KEY: 'sk-wrong-key-0000abcd', ATELIER_OPENAI_BASE_URL: e.stub.baseUrl }) },
    });
    try {
      const admin = await signUp(wrongKey.app);
      const res = await wrongKey.app.inject({ method: 'POST', url: '/api/v1/generations', headers: admin.headers, payload: { engine: 'openai', prompt: 'x' } });
      const g = await waitForGeneration(wrongKey.app, admin, res.json().id);
      expect(g.error.code).toBe('ENGINE_UNAVAILABLE');
      const health = await wrongKey.app.inject({ method: 'GET', url: '/api/v1/admin/engines', headers: { cookie: admin.cookie } });
      const openai = health.json().items.find((i: any) => i.id === 'openai');
      expect(openai.health.lastError).toMatchObject({ code: 'invalid_api_key', httpStatus: 401 });
      expect(openai.health.lastError.detail).toMatch(/request req_/);
      expect(health.body).not.toContain('abcd');
      expect(health.body).not.toContain('sk-wrong-key-0000abcd');
    } finally {
      await wrongKey.close();
    }
  });
});

describe('OpenAI-compatible engine streaming partial images', () => {
  let e: Env;
  beforeAll(async () => {
    e = await startEnv({ ATELIER_OPENAI_PARTIAL_IMAGES: '2' });
  });
  afterAll(() => stopEnv(e));

  it('asks for a stream, stores each completed image and retries a stream that breaks', async () => {
    const g = await run(e, { prompt: 'streamed', count: 2 });
    expect(g.status).toBe('succeeded');
    expect(e.stub.requests.at(-1)!.body).toMatchObject({ stream: true, partial_images: 2, n: 2 });
    e.stub.script.push({ kind: 'disconnect', afterImages: 1 });
    const before = e.stub.requests.length;
    const again = await run(e, { prompt: 'streamed', count: 3 });
    expect(again.status).toBe('succeeded');
    expect(e.stub.requests.slice(before).map((r) => r.body.n)).toEqual([3, 2]);
  });
});

describe('OpenAI-compatible engine with dall-e-3', () => {
  let e: Env;
  beforeAll(async () => {
    e = await startEnv({ ATELIER_OPENAI_MODEL: 'dall-e-3' });
  });
  afterAll(() => stopEnv(e));

  it('asks for base64, passes its style, takes only one image and no references', async () => {
    const caps = (await e.t.app.inject({ method: 'GET', url: '/api/v1/engines', headers: { cookie: e.user.cookie } })).json().items.find((i: any) => i.id === 'openai');
    expect(caps).toMatchObject({ model: 'dall-e-3', modes: ['generate'], maxOutputs: 1, maxReferences: 0, styles: ['vivid', 'natural'] });
    const g = await run(e, { prompt: 'a castle', size: '1792x1024', style: 'natural' });
    expect(g.status).toBe('succeeded');
    expect(e.stub.requests.at(-1)!.body).toEqual({ model: 'dall-e-3', prompt: 'a castle', n: 1, size: '1792x1024', response_format: 'b64_json', style: 'natural' });
    expect((await generate(e, { prompt: 'x', count: 2 })).statusCode).toBe(400);
    expect((await generate(e, { prompt: 'x', size: '1536x1024' })).statusCode).toBe(400);
  });

  it('downloads a URL answer from the service\'s own host', async () => {
    e.stub.script.push({ kind: 'success', delivery: 'url' });
    const g = await run(e, { prompt: 'linked castle' });
    expect(g.status).toBe('succeeded');
    expect(g.outputs[0].asset.width).toBe(1024);
  });

  it('reports content_policy_violation as a refusal of the prompt', async () => {
    e.stub.script.push({ kind: 'moderation', code: 'content_policy_violation' });
    expect((await run(e, { prompt: 'no' })).error.code).toBe('CONTENT_REFUSED');
  });
});
