import crypto from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { image, multipart } from '../../modules/assets/test-fixtures.js';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { engineConfig, RecordingRuntime, waitUntil } from '../../test-support/stubs/engine-test-env.js';
import { ModelArkStub } from '../../test-support/stubs/modelark-stub.js';

const KEY = 'ark-test-key-5f1c9a7e2b';

let stub: ModelArkStub;
let t: TestApp;
let runtime: RecordingRuntime;
let admin: TestUser;
let alice: TestUser;

beforeAll(async () => {
  stub = await ModelArkStub.start({ apiKey: KEY });
  runtime = new RecordingRuntime();
  t = await createTestApp({
    engineRuntime: runtime,
    config: {
      engines: engineConfig({
        ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url, ATELIER_SEEDREAM_TIMEOUT_MS: '400',
        ATELIER_ENGINE_RETRIES: '2', ATELIER_ENGINE_RETRY_BASE_MS: '100', ATELIER_ENGINE_RETRY_MAX_MS: '5000',
      }),
    },
  });
  admin = await signUp(t.app);
  alice = await signUp(t.app);
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
beforeEach(() => {
  stub.script.clear();
  runtime.sleeps.length = 0;
});

const generate = (payload: Record<string, unknown>, user = alice) =>
  t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { engine: 'seedream', ...payload } });

async function run(payload: Record<string, unknown>) {
  const res = await generate(payload);
  expect(res.statusCode, res.body).toBe(202);
  return waitForGeneration(t.app, alice, res.json().id);
}

async function upload(png: Buffer, user = alice): Promise<string> {
  const form = multipart({ data: png, filename: 'ref.png', contentType: 'image/png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...form.headers }, payload: form.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const lastBody = () => stub.requests.at(-1)!.body;
const requestsSince = (n: number) => stub.requests.slice(n);

describe('Seedream engine', () => {
  it('is listed with the capabilities of its configured model', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/engines', headers: { cookie: alice.cookie } });
    const seedream = res.json().items.find((e: any) => e.id === 'seedream');
    expect(seedream).toMatchObject({
      neural: true, model: 'seedream-4-0-250828', modes: ['generate', 'edit'], maxReferences: 10, maxOutputs: 15,
      sizePresets: ['1K', '2K', '4K'], minPixels: 921_600, maxPixels: 16_777_216, seed: false, streaming: true, defaultSize: '2K',
    });
  });

  it('streams a text-to-image request exactly as documented and stores the image with model and usage', async () => {
    const before = stub.requests.length;
    const g = await run({ prompt: 'a lighthouse on a cliff', size: '1K' });
    expect(g.status).toBe('succeeded');
    expect(g.model).toBe('seedream-4-0-250828');
    expect(g.usage).toEqual({ generated_images: 1, output_tokens: 4096, total_tokens: 4096 });
    expect(g.outputs[0].asset).toMatchObject({ width: 1024, height: 1024, mime: 'image/jpeg' });
    const [req] = requestsSince(before);
    expect(req!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req!.body).toEqual({
      model: 'seedream-4-0-250828', prompt: 'a lighthouse on a cliff', size: '1K', stream: true, response_format: 'b64_json', watermark: false,
    });
  });

  it('sends an exact WxH, and the watermark from the request or else the person\'s default', async () => {
    await run({ prompt: 'wide dunes', size: '1280x720', watermark: true });
    expect(lastBody()).toMatchObject({ size: '1280x720', watermark: true });
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: alice.headers, payload: { preferences: { watermarkByDefault: true } } });
    expect(patch.statusCode, patch.body).toBe(200);
    await run({ prompt: 'wide dunes', size: '1280x720' });
    expect(lastBody()).toMatchObject({ watermark: true });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: alice.headers, payload: { preferences: { watermarkByDefault: false } } });
  });

  it('makes a set with references as data URIs, storing each image in order and each refused one as that output\'s error', async () => {
    const refs = [await upload(await image('png', 40, 30)), await upload(await image('jpeg', 30, 40, '#2040c0'))];
    stub.script.push({ kind: 'success', failures: [{ index: 2, code: 'OutputImageSensitiveContentDetected' }] });
    const g = await run({ prompt: 'a fox in four seasons', size: '1K', count: 4, references: refs });
    const body = lastBody();
    expect(body).toMatchObject({ sequential_image_generation: 'auto', sequential_image_generation_options: { max_images: 4 } });
    expect((body.image as string[]).map((u) => u.slice(0, 22))).toEqual(['data:image/png;base64,', 'data:image/jpeg;base64']);
    expect(g.status).toBe('partial');
    expect(g.outputs.map((o: any) => Boolean(o.asset))).toEqual([true, true, false, true]);
    expect(g.outputs[2].error).toEqual({ code: 'OUTPUT_REFUSED', message: 'Seedream\'s safety check withheld image 3 of 4.' });
    expect(g.usage.generated_images).toBe(3);
    // Each output is a distinct image (the stub colours them by index).
    const pixels = await Promise.all([0, 1, 3].map(async (i) => {
      const res = await t.app.inject({ method: 'GET', url: g.outputs[i].asset.urls.content, headers: { cookie: alice.cookie } });
      const { dominant } = await sharp(res.rawPayload).stats();
      return `${dominant.r},${dominant.g},${dominant.b}`;
    }));
    expect(new Set(pixels).size).toBe(3);
  });

  it('prepares awkward inputs before sending: tiny and GIF images are converted, files over 10 MB shrunk', async () => {
    const tiny = await upload(await image('png', 10, 12));
    const gif = await upload(await image('gif', 64, 64));
    const noise = crypto.randomBytes(1900 * 1900 * 3);
    const huge = await sharp(noise, { raw: { width: 1900, height: 1900, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(huge.length).toBeGreaterThan(10 * 1024 * 1024);
    const big = await upload(huge);
    const g = await run({ prompt: 'collage', size: '1K', references: [tiny, gif, big] });
    expect(g.status, JSON.stringify(g.error)).toBe('succeeded');
    const sent = (lastBody().image as string[]).map((uri) => Buffer.from(uri.split(',')[1]!, 'base64'));
    const metas = await Promise.all(sent.map((b) => sharp(b).metadata()));
    expect(Math.min(metas[0]!.width!, metas[0]!.height!)).toBeGreaterThan(14);
    expect(metas[1]!.format).toBe('png');
    expect(sent[2]!.length).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it('refuses, with a 400 and before any call, sizes and inputs the model would refuse', async () => {
    const narrow = await upload(await image('png', 340, 20));
    const before = stub.requests.length;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ size: '640x640' }, 'INVALID_SIZE', /too few pixels/],
      [{ size: '4096x240' }, 'INVALID_SIZE', /4096x240 is 17.07:1/],
      [{ seed: 7 }, 'VALIDATION_FAILED', /does not accept a seed/],
      [{ references: [narrow] }, 'VALIDATION_FAILED', /Reference image 1 is 340x20 \(17:1\)/],
      [{ style: 'watercolor' }, 'VALIDATION_FAILED', /Unknown style/],
      [{ model: 'seedream-4-5-251128' }, 'VALIDATION_FAILED', /runs seedream-4-0-250828/],
      [{ count: 6, references: Array(10).fill(narrow) }, 'VALIDATION_FAILED', /./],
    ];
    for (const [extra, code, message] of cases) {
      const res = await generate({ prompt: 'x', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.code, JSON.stringify(extra)).toBe(code);
      expect(res.json().error.message, JSON.stringify(extra)).toMatch(message);
    }
    expect(stub.requests.length).toBe(before);
  });

  it('downloads images that come back as links from the provider\'s own host', async () => {
    stub.script.push({ kind: 'success', delivery: 'url' });
    const g = await run({ prompt: 'linked', size: '1K' });
    expect(g.status).toBe('succeeded');
    expect(g.outputs[0].asset.width).toBe(1024);
  });

  it('edits by instruction: the source as one data URI, an output size within the model\'s range', async () => {
    const source = await upload(await image('png', 64, 48));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId: source, engine: 'seedream', instruction: 'make it night' } });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForGeneration(t.app, alice, res.json().id);
    expect(g.status).toBe('succeeded');
    expect(g.parentAssetId).toBe(source);
    const body = lastBody();
    expect(body.prompt).toBe('make it night');
    expect(typeof body.image).toBe('string');
    const [w, h] = String(body.size).split('x').map(Number) as [number, number];
    expect(w * h).toBeGreaterThanOrEqual(921_600);
    expect(Math.abs(w / h - 4 / 3)).toBeLessThan(0.02);
    // Classic operations are done by the edits module, whatever the engine: the provider is not called.
    const calls = stub.requests.length;
    const ops = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId: source, engine: 'seedream', operations: [{ op: 'rotate', degrees: 90 }] } });
    expect(ops.statusCode, ops.body).toBe(202);
    expect((await waitForGeneration(t.app, alice, ops.json().id)).outputs[0].asset).toMatchObject({ width: 48, height: 64 });
    expect(stub.requests.length).toBe(calls);
  });

  it('tells the person which input the safety check refused, in each documented shape', async () => {
    const ref = await upload(await image('png', 40, 40));
    stub.script.push({ kind: 'moderation', code: 'InputTextSensitiveContentDetected', shape: 'http-400' });
    const text = await run({ prompt: 'something', size: '1K' });
    expect(text).toMatchObject({ status: 'failed', error: { code: 'PROMPT_REFUSED', message: 'Seedream\'s safety check refused the prompt. Change it and try again.' } });

    stub.script.push({ kind: 'moderation', code: 'InputImageSensitiveContentDetected', shape: 'http-400' });
    const img = await run({ prompt: 'something', size: '1K', references: [ref] });
    expect(img.error).toMatchObject({ code: 'INPUT_IMAGE_REFUSED', message: expect.stringContaining('refused the reference image') });

    stub.script.push({ kind: 'moderation', code: 'OutputImageSensitiveContentDetected', shape: 'data-error' });
    const out = await run({ prompt: 'something', size: '1K' });
    expect(out.status).toBe('failed');
    expect(out.outputs[0].error).toEqual({ code: 'OUTPUT_REFUSED', message: 'Seedream\'s safety check withheld the image.' });
    expect(runtime.sleeps).toEqual([]);
  });

  it('retries 429 with backoff, or after exactly the Retry-After the provider asks for', async () => {
    const before = stub.requests.length;
    stub.script.push({ kind: 'error', status: 429 }, { kind: 'error', status: 429, retryAfter: '3' });
    const g = await run({ prompt: 'busy day', size: '1K' });
    expect(g.status).toBe('succeeded');
    expect(stub.requests.length - before).toBe(3);
    // First retry: base 100 ms with equal jitter (random 0.5 → 75 ms); second: what Retry-After said.
    expect(runtime.sleeps).toEqual([75, 3000]);
  });

  it('retries 500, timeouts, a broken stream and garbled JSON, then fails with the reason once retries run out', async () => {
    stub.script.push({ kind: 'error', status: 500 }, { kind: 'slow', delayMs: 5000 }, { kind: 'malformed', where: 'json' });
    expect((await run({ prompt: 'flaky', size: '1K' })).status).toBe('failed');
    const before = stub.requests.length;
    stub.script.push({ kind: 'slow', delayMs: 5000 }, { kind: 'malformed', where: 'stream' });
    const recovered = await run({ prompt: 'flaky', size: '1K' });
    expect(recovered.status).toBe('succeeded');
    expect(requestsSince(before).map((r) => r.clientAborted)).toEqual([true, false, false]);

    stub.script.push({ kind: 'error', status: 500 }, { kind: 'error', status: 503 }, { kind: 'error', status: 500 });
    const failed = await run({ prompt: 'down', size: '1K' });
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('ENGINE_FAILED');
    expect(failed.error.message).toBe('Seedream did not succeed after 3 attempts (last: provider error (HTTP 500 InternalServiceError)). Try again later.');
  });

  it('after a mid-stream disconnect asks only for the images still owed, so nothing is duplicated', async () => {
    const before = stub.requests.length;
    stub.script.push({ kind: 'disconnect', afterImages: 2 });
    const g = await run({ prompt: 'a comic strip', size: '1K', count: 5 });
    expect(g.status).toBe('succeeded');
    const bodies = requestsSince(before).map((r) => r.body.sequential_image_generation_options);
    expect(bodies).toEqual([{ max_images: 5 }, { max_images: 3 }]);
    expect(new Set(g.outputs.map((o: any) => o.asset.id)).size).toBe(5);
    const assets = await t.services.db.selectFrom('assets').select('output_index').where('generation_id', '=', g.id).execute();
    expect(assets.map((a) => a.output_index).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops a set on InternalServiceError, keeps what arrived and fetches the rest on the next attempt', async () => {
    const before = stub.requests.length;
    stub.script.push({ kind: 'success', internalErrorAt: 1 });
    const g = await run({ prompt: 'storyboard', size: '1K', count: 3 });
    expect(g.status).toBe('succeeded');
    expect(requestsSince(before).map((r) => (r.body.sequential_image_generation_options as any).max_images)).toEqual([3, 2]);
  });

  it('ends a set that keeps failing as partial, each missing image saying why', async () => {
    stub.script.push({ kind: 'disconnect', afterImages: 1 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const g = await run({ prompt: 'unlucky', size: '1K', count: 3 });
    expect(g.status).toBe('partial');
    expect(g.outputs[0].asset).toBeDefined();
    expect(g.outputs[1].error.code).toBe('ENGINE_FAILED');
    expect(g.outputs[2].error.code).toBe('ENGINE_FAILED');
  });

  it('records the usage of the calls that delivered images when the set then fails', async () => {
    stub.script.push({ kind: 'success', internalErrorAt: 1, asJson: true }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const g = await run({ prompt: 'half a storyboard', size: '1K', count: 3 });
    expect(g.status).toBe('partial');
    expect(g.usage).toEqual({ generated_images: 1, output_tokens: 4096, total_tokens: 4096 });
  });

  it('keeps the usage of an attempt that handed its job back, and adds the next attempt\'s to it', async () => {
    stub.script.push({ kind: 'success', internalErrorAt: 1, asJson: true }, { kind: 'error', status: 429, retryAfter: '120' });
    const id = (await generate({ prompt: 'a slow storyboard', size: '1K', count: 3 })).json().id;
    const row = () => t.services.db.selectFrom('generations').select('usage').where('id', '=', id).executeTakeFirstOrThrow();
    await waitUntil('the first attempt has recorded its usage', async () => (await row()).usage !== null);
    expect(JSON.parse((await row()).usage!)).toEqual({ generated_images: 1, output_tokens: 4096, total_tokens: 4096 });
    await t.services.db.updateTable('jobs').set({ run_after: 0 }).where('subject_id', '=', id).execute();
    const g = await waitForGeneration(t.app, alice, id);
    expect(g.status).toBe('succeeded');
    expect(g.usage).toEqual({ generated_images: 3, output_tokens: 3 * 4096, total_tokens: 3 * 4096 });
  });

  it('hands the job back to the queue when Retry-After is longer than the longest wait it may hold a worker for', async () => {
    stub.script.push({ kind: 'error', status: 429, retryAfter: '120' });
    const res = await generate({ prompt: 'later', size: '1K' });
    const id = res.json().id;
    await waitUntil('the job is queued again', async () => {
      const job = await t.services.db.selectFrom('jobs').selectAll().where('subject_id', '=', id).executeTakeFirst();
      return job?.status === 'queued' && job.attempts === 1;
    });
    const job = await t.services.db.selectFrom('jobs').selectAll().where('subject_id', '=', id).executeTakeFirstOrThrow();
    expect(job.run_after - job.updated_at).toBe(120_000);
    expect(job.last_error).toContain('asked to wait 120 s');
    await t.app.inject({ method: 'POST', url: `/api/v1/generations/${id}/cancel`, headers: alice.headers });
  });

  it('aborts the HTTP request when the generation is cancelled', async () => {
    stub.script.push({ kind: 'hang' });
    const before = stub.requests.length;
    const id = (await generate({ prompt: 'never mind', size: '1K' })).json().id;
    await waitUntil('the provider has the request', () => stub.requests.length > before);
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${id}/cancel`, headers: alice.headers });
    expect(cancel.json().status).toBe('canceled');
    await waitUntil('the request is aborted', () => stub.requests[before]!.clientAborted);
  });

  it('treats 401/403/404 as a configuration problem: generic to the person, in full for admins only', async () => {
    for (const [status, code] of [[401, 'AuthenticationError'], [403, 'AccountOverdueError'], [404, 'ModelNotOpen']] as const) {
      const before = stub.requests.length;
      stub.script.push({ kind: 'error', status, code });
      const g = await run({ prompt: 'x', size: '1K' });
      expect(g.error.code).toBe('ENGINE_UNAVAILABLE');
      expect(g.error.message).not.toContain(code);
      expect(stub.requests.length - before).toBe(1);
    }
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/admin/engines', headers: { cookie: alice.cookie } });
    expect(forbidden.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/engines', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const health = res.json().items.find((e: any) => e.id === 'seedream');
    expect(health.model).toBe('seedream-4-0-250828');
    expect(health.health.lastError).toMatchObject({ code: 'ModelNotOpen', httpStatus: 404, detail: expect.stringContaining('HTTP 404 ModelNotOpen') });
    expect(health.health.lastSuccessAt).not.toBeNull();
    expect(health.health.errors).toBeGreaterThan(0);
    expect(health.health.errorRate).toBeGreaterThan(0);
    expect(health.health.errorRate).toBeLessThan(1);
    expect(res.body).not.toContain(KEY);
  });
});

describe('Seedream 4.5 size rules', () => {
  let stub45: ModelArkStub;
  let app45: TestApp;
  let bob: TestUser;

  beforeAll(async () => {
    stub45 = await ModelArkStub.start({ apiKey: KEY });
    app45 = await createTestApp({
      config: { engines: engineConfig({ ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub45.url, ATELIER_SEEDREAM_MODEL: 'seedream-4-5-251128' }) },
    });
    bob = await signUp(app45.app);
  });
  afterAll(async () => {
    await app45.close();
    await stub45.close();
  });

  it('takes 2K and 4K only, at least 3.7 megapixels, and defaults to 2K', async () => {
    const post = (payload: Record<string, unknown>) =>
      app45.app.inject({ method: 'POST', url: '/api/v1/generations', headers: bob.headers, payload: { engine: 'seedream', prompt: 'p', ...payload } });
    expect((await post({ size: '1K' })).json().error.code).toBe('INVALID_SIZE');
    expect((await post({ size: '1920x1080' })).json().error.message).toMatch(/too few pixels/);
    expect(stub45.requests).toHaveLength(0);
    const ok = await post({});
    expect(ok.statusCode).toBe(202);
    const g = await waitForGeneration(app45.app, bob, ok.json().id);
    expect(g.status).toBe('succeeded');
    expect(stub45.requests[0]!.body).toMatchObject({ model: 'seedream-4-5-251128', size: '2K' });
    expect(g.outputs[0].asset).toMatchObject({ width: 2048, height: 2048 });
  });
});
