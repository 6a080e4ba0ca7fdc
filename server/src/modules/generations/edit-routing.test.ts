/**
 * Where an edit runs: classic edits whatever engine was chosen, anything else on the chosen engine if it edits by
 * instruction, and otherwise a 400 that names the engines that could. Every step of a classic chain is bounded.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA } from '../../media/index.js';
import { image, multipart } from '../assets/test-fixtures.js';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { engineConfig, RecordingRuntime } from '../../test-support/stubs/engine-test-env.js';
import { ModelArkStub } from '../../test-support/stubs/modelark-stub.js';

const KEY = 'ark-test-key-routing-3c1d';

let stub: ModelArkStub;
let withModel: TestApp;
let builtinOnly: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  stub = await ModelArkStub.start({ apiKey: KEY });
  withModel = await createTestApp({
    engineRuntime: new RecordingRuntime(),
    config: { engines: engineConfig({ ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url }) },
  });
  builtinOnly = await createTestApp();
  alice = await signUp(withModel.app);
  bob = await signUp(builtinOnly.app);
});
afterAll(async () => {
  await withModel.close();
  await builtinOnly.close();
  await stub.close();
});
beforeEach(() => stub.script.clear());

async function upload(t: TestApp, user: TestUser, png: Buffer): Promise<string> {
  const form = multipart({ data: png, filename: 'photo.png', contentType: 'image/png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...form.headers }, payload: form.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const edit = (t: TestApp, user: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: user.headers, payload });

describe('edit routing', () => {
  it('does a classic edit itself even when a model engine was chosen: the provider is never called', async () => {
    const assetId = await upload(withModel, alice, await image('png', 64, 48));
    const before = stub.requests.length;
    const res = await edit(withModel, alice, { assetId, engine: 'seedream', instruction: 'convert to grayscale' });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForGeneration(withModel.app, alice, res.json().id);
    expect(g).toMatchObject({ status: 'succeeded', model: 'atelier-classic-edit', params: { operations: [{ op: 'grayscale' }] } });
    expect(stub.requests.length).toBe(before);
    const content = await withModel.app.inject({ method: 'GET', url: g.outputs[0].asset.urls.content, headers: { cookie: alice.cookie } });
    const { data, info } = await sharp(content.rawPayload).raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i += info.channels) expect(new Set([data[i], data[i + 1], data[i + 2]]).size).toBe(1);
    // A classic edit of an upload that made no claim makes none either.
    const asset = (await withModel.app.inject({ method: 'GET', url: `/api/v1/assets/${g.outputs[0].asset.id}`, headers: { cookie: alice.cookie } })).json();
    expect(asset.digitalSourceType).toBeUndefined();
  });

  it('sends what classic edits cannot do to the chosen engine, when it edits', async () => {
    const assetId = await upload(withModel, alice, await image('png', 64, 48));
    const before = stub.requests.length;
    const res = await edit(withModel, alice, { assetId, engine: 'seedream', instruction: 'replace the barn with a castle' });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForGeneration(withModel.app, alice, res.json().id);
    expect(g.status).toBe('succeeded');
    expect(g.params.operations).toBeUndefined();
    expect(stub.requests.slice(before).map((r) => r.body.prompt)).toEqual(['replace the barn with a castle']);
    const asset = (await withModel.app.inject({ method: 'GET', url: `/api/v1/assets/${g.outputs[0].asset.id}`, headers: { cookie: alice.cookie } })).json();
    expect(asset.digitalSourceType).toBe(COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA);
  });

  it('refuses it on an engine that edits classically only, naming the engines that could', async () => {
    const assetId = await upload(withModel, alice, await image('png', 64, 48));
    const res = await edit(withModel, alice, { assetId, engine: 'builtin', instruction: 'remove the background' });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('INVALID_INSTRUCTION');
    expect(error.message).toMatch(/Could not understand: "remove background"/);
    expect(error.message).toMatch(/choose an engine that edits by instruction: Seedream [^(]*\("seedream"\)/);
    expect(error.details.engines).toEqual(['seedream']);
  });

  it('says so when no configured engine edits by instruction', async () => {
    const assetId = await upload(builtinOnly, bob, await image('png', 64, 48));
    const res = await edit(builtinOnly, bob, { assetId, instruction: '把天空换成晚霞' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/no engine on this server edits by instruction/);
    expect(res.json().error.details.engines).toEqual([]);
  });

  it('reads Chinese instructions classically', async () => {
    const assetId = await upload(builtinOnly, bob, await image('png', 64, 48));
    const res = await edit(builtinOnly, bob, { assetId, instruction: '顺时针旋转 90 度，然后变成黑白' });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForGeneration(builtinOnly.app, bob, res.json().id);
    expect(g.params.operations).toEqual([{ op: 'rotate', degrees: 90 }, { op: 'grayscale' }]);
    expect([g.outputs[0].asset.width, g.outputs[0].asset.height]).toEqual([48, 64]);
  });

  it('runs an edit again with the same operations, read once from its instruction', async () => {
    const assetId = await upload(builtinOnly, bob, await image('png', 64, 48));
    const first = await waitForGeneration(builtinOnly.app, bob, (await edit(builtinOnly, bob, { assetId, instruction: 'invert and add a 2px red border' })).json().id);
    const res = await builtinOnly.app.inject({ method: 'POST', url: `/api/v1/generations/${first.id}/rerun`, headers: bob.headers });
    expect(res.statusCode, res.body).toBe(202);
    const again = await waitForGeneration(builtinOnly.app, bob, res.json().id);
    expect(again.params.operations).toEqual(first.params.operations);
    expect(again.params.operations).toHaveLength(2);
    expect(again.prompt).toBe('invert and add a 2px red border');
  });

  it('refuses a chain whose intermediate image would be too large before anything is queued', async () => {
    const tiny = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).png({ compressionLevel: 9 }).toBuffer();
    const assetId = await upload(builtinOnly, bob, tiny);
    const operations = [...Array.from({ length: 7 }, () => ({ op: 'border', width: 1024, color: 'white' })), { op: 'rotate', degrees: 45 }];
    const res = await edit(builtinOnly, bob, { assetId, operations });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_OPERATIONS', message: expect.stringContaining('operations[3] (border) would make the image 8256×8256 pixels') });
    const history = await builtinOnly.app.inject({ method: 'GET', url: '/api/v1/generations?limit=50', headers: { cookie: bob.cookie } });
    expect(history.json().items.filter((g: { params: { operations?: unknown[] } }) => g.params.operations?.length === 8)).toEqual([]);
  });
});
