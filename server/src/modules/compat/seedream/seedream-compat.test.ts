import { createParser, type EventSourceMessage } from 'eventsource-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image } from '../../assets/test-fixtures.js';
import { appForFile, createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../../test-support/harness.js';
import { engineConfig } from '../../../test-support/stubs/engine-test-env.js';

/** Atelier serving the Seedream API (built-in engine), and its owner's token. */
const { t, people: [alice, bob] } = appForFile({ people: 2 });
let base: string;
let aliceToken: string;

async function tokenOf(user: TestUser, scopes: string[]): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: user.headers, payload: { name: 'seedream client', scopes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

const call = (body: unknown, token = aliceToken) => fetch(`${base}/api/v3/images/generations`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
});

async function events(res: Response): Promise<EventSourceMessage[]> {
  const got: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => got.push(e) });
  parser.feed(await res.text());
  return got;
}

/** The model of the person's newest generation on the serving Atelier: what the answers must name. */
const latestModel = async (user: TestUser) =>
  (await t.app.inject({ url: '/api/v1/generations?limit=1', headers: { cookie: user.cookie } })).json().items[0].model as string;

const generated = async (user: TestUser) =>
  ((await t.app.inject({ url: '/api/v1/assets?limit=100', headers: { cookie: user.cookie } })).json().items as any[]);

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  aliceToken = await tokenOf(alice, ['images']);
});

describe('Seedream-compatible endpoint driven by Atelier\'s own Seedream adapter', () => {
  let client: TestApp;
  let carol: TestUser;
  beforeAll(async () => {
    // A second Atelier whose Seedream engine is pointed at the first, with the token as its ModelArk API key.
    client = await createTestApp({
      // A lease longer than the set takes on a busy machine, so the job is not handed to a second worker (a second call).
      config: { jobLeaseMs: 120_000, engines: engineConfig({ ATELIER_SEEDREAM_API_KEY: aliceToken, ATELIER_SEEDREAM_BASE_URL: base, ATELIER_SEEDREAM_TIMEOUT_MS: '120000' }) },
    });
    carol = await signUp(client.app);
  });
  afterAll(() => client?.close());

  it('makes a set of 4 over the streamed API, each image stored on both sides', async () => {
    const before = (await generated(alice)).length;
    const res = await client.app.inject({ method: 'POST', url: '/api/v1/generations', headers: carol.headers,
      payload: { engine: 'seedream', prompt: 'a fox in four seasons', size: '1K', count: 4 } });
    expect(res.statusCode, res.body).toBe(202);
    const g = await waitForGeneration(client.app, carol, res.json().id, 120_000);
    expect(g.status, JSON.stringify(g.error ?? g.outputs)).toBe('succeeded');
    expect(g.outputs.map((o: any) => [o.asset.width, o.asset.height])).toEqual(Array(4).fill([1024, 1024]));
    expect(g.model).toBe(await latestModel(alice));
    expect(g.usage).toMatchObject({ generated_images: 4 });
    const served = (await generated(alice)).slice(0, (await generated(alice)).length - before);
    expect(served.filter((a) => a.kind === 'generated')).toHaveLength(4);
  }, 180_000);
});

describe('Seedream-compatible endpoint, on the wire', () => {
  it('answers JSON with URLs that open without credentials for 24 h, sizes and usage; data-URI and own-URL references', async () => {
    const png = await image('png', 80, 60, '#2040c0');
    const res = await call({
      model: 'seedream-4-0-250828', prompt: 'a harbour at noon', size: '256x256', response_format: 'url',
      image: `data:image/png;base64,${png.toString('base64')}`,
      sequential_image_generation: 'auto', sequential_image_generation_options: { max_images: 2 },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body.model).toBe(await latestModel(alice));
    const [latest] = (await t.app.inject({ url: '/api/v1/generations?limit=1', headers: { cookie: alice.cookie } })).json().items;
    expect(latest.params).toMatchObject({ watermark: true, count: 2, references: [expect.any(String)] }); // ModelArk's default watermark
    expect(body).toMatchObject({ usage: { generated_images: 2, output_tokens: 512, total_tokens: 512 } });
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toMatchObject({ size: '256x256', url: expect.stringMatching(/\/v1\/image-links\/[^/?]+\?grant=\d+\.[\w-]+$/) });
    const img = await fetch(body.data[0].url);
    expect(img.status).toBe(200);
    expect((await sharp(Buffer.from(await img.arrayBuffer())).metadata()).width).toBe(256);
    const expires = Number(new URL(body.data[0].url).searchParams.get('grant')!.split('.')[0]);
    expect(expires - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000); // the spec: URLs expire after 24 h

    // A URL of an answer is one of the person's images: it may be sent back as a reference.
    const linked = await call({ model: 'x', prompt: 'the harbour again', size: '256x256', image: body.data[1].url, response_format: 'b64_json' });
    expect(linked.status, await linked.clone().text()).toBe(200);

    const uploads = (await generated(alice)).filter((a) => a.kind === 'upload');
    expect(uploads.length).toBeGreaterThanOrEqual(1);
    const again = await call({ model: 'x', prompt: 'the same harbour', size: '256x256', image: [`${base}/api/v1/assets/${uploads[0].id}/content`], response_format: 'b64_json' });
    expect(again.status, await again.clone().text()).toBe(200);
    const one = (await again.json()).data;
    expect(one).toHaveLength(1);
    expect((await sharp(Buffer.from(one[0].b64_json, 'base64')).metadata()).height).toBe(256);

    const bobToken = await tokenOf(bob, ['images']);
    const foreign = await call({ model: 'x', prompt: 'not mine', size: '256x256', image: `${base}/api/v1/assets/${uploads[0].id}/content` }, bobToken);
    expect(foreign.status).toBe(404);
    expect((await generated(bob)).length).toBe(0);
  });

  it('streams partial_succeeded per image, then completed, then [DONE]', async () => {
    const res = await call({ model: 'x', prompt: 'three lanterns', size: '128x128', stream: true, response_format: 'b64_json',
      sequential_image_generation: 'auto', sequential_image_generation_options: { max_images: 3 } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const got = await events(res);
    const named = got.filter((e) => e.event);
    expect(named.map((e) => e.event)).toEqual([
      ...Array(3).fill('image_generation.partial_succeeded'), 'image_generation.completed',
    ]);
    const images = named.slice(0, 3).map((e) => JSON.parse(e.data));
    expect(images.map((e) => e.image_index).sort()).toEqual([0, 1, 2]);
    for (const e of images) expect((await sharp(Buffer.from(e.b64_json, 'base64')).metadata()).width).toBe(128);
    expect(JSON.parse(named[3]!.data).usage.generated_images).toBe(3);
    expect(got.at(-1)!.data).toBe('[DONE]');
  });

  it('refuses in ModelArk\'s error shape', async () => {
    const none = await fetch(`${base}/api/v3/images/generations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"x","prompt":"y"}' });
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatchObject({ code: 'AuthenticationError' });
    const libraryOnly = await call({ model: 'x', prompt: 'y' }, await tokenOf(alice, ['library']));
    expect(libraryOnly.status).toBe(403);
    expect((await libraryOnly.json()).error.code).toBe('AccessDenied');
    const missing = await call({ model: 'x' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ code: 'MissingParameter', type: 'BadRequest' });
    const remote = await call({ model: 'x', prompt: 'y', image: 'https://example.com/cat.png' });
    expect(remote.status).toBe(400);
    expect((await remote.json()).error).toMatchObject({ code: 'InvalidParameter', param: 'image', message: expect.stringContaining('data URI') });
    // Refused after its reference was stored: the reference goes again.
    const before = (await generated(alice)).length;
    const png = await image('png', 20, 20);
    const size = await call({ model: 'x', prompt: 'y', size: '10x10', image: `data:image/png;base64,${png.toString('base64')}` });
    expect(size.status).toBe(400);
    expect((await size.json()).error).toMatchObject({ code: 'InvalidParameter', param: 'size' });
    expect((await generated(alice)).length).toBe(before);
  });
});
