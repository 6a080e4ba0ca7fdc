import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { image } from '../../assets/test-fixtures.js';
import { appForFile, waitForGeneration, type TestApp, type TestUser } from '../../../test-support/harness.js';
import { A1111Stub } from '../../../test-support/stubs/a1111-stub.js';
import { startEngineApp } from '../../../test-support/stubs/local-engine-test.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });
let baseURL: string;

async function tokenOf(user: TestUser, scopes: string[]): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: user.headers, payload: { name: 'openai client', scopes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

const client = (apiKey: string, base = baseURL) => new OpenAI({ baseURL: base, apiKey, maxRetries: 0 });

/** OpenAI's kind of mask: opaque, with a fully transparent square in the middle (what to change). */
function holeMask(width: number, height: number): Promise<Buffer> {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= width / 4 && x < (width * 3) / 4 && y >= height / 4 && y < (height * 3) / 4;
      rgba[(y * width + x) * 4 + 3] = inside ? 0 : 255;
    }
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

async function gallery(user: TestUser): Promise<any[]> {
  return (await t.app.inject({ url: '/api/v1/assets?limit=100', headers: { cookie: user.cookie } })).json().items;
}

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address() as { port: number };
  baseURL = `http://127.0.0.1:${address.port}/v1`;
});

describe('OpenAI-compatible endpoints, driven by the official openai client', () => {
  it('lists the engines as models', async () => {
    const models = await client(await tokenOf(alice, ['images'])).models.list();
    expect(models.data.map((m) => m.id)).toContain('builtin');
  });

  it('images.generate with n: 2 returns two decodable images, stored in the owner\'s gallery', async () => {
    const openai = client(await tokenOf(alice, ['images']));
    const before = (await gallery(alice)).length;
    const res = await openai.images.generate({ prompt: 'a lighthouse on a cliff at dusk', n: 2, size: '256x256' as never });
    expect(res.data).toHaveLength(2);
    const metas = await Promise.all(res.data!.map((d) => sharp(Buffer.from(d.b64_json!, 'base64')).metadata()));
    expect(metas.map((m) => [m.width, m.height])).toEqual([[256, 256], [256, 256]]);
    const after = await gallery(alice);
    expect(after.length - before).toBe(2);
    expect(after.filter((a) => a.kind === 'generated').length).toBeGreaterThanOrEqual(2);
  });

  it('images.edit with an uploaded file returns the edited image; source and result land in the gallery', async () => {
    const openai = client(await tokenOf(alice, ['images']));
    const before = (await gallery(alice)).length;
    const photo = await image('png', 96, 64, '#c03020');
    const res = await openai.images.edit({ image: await toFile(photo, 'photo.png', { type: 'image/png' }), prompt: 'make it black and white' });
    expect(res.data).toHaveLength(1);
    const edited = sharp(Buffer.from(res.data![0]!.b64_json!, 'base64'));
    const meta = await edited.metadata();
    expect([meta.width, meta.height]).toEqual([96, 64]);
    const { channels } = await edited.stats();
    // Grayscale: red, green and blue agree where the source was strongly red.
    expect(Math.abs(channels[0]!.mean - channels[1]!.mean)).toBeLessThan(2);
    const after = await gallery(alice);
    expect(after.length - before).toBe(2);
    expect(after.map((a) => a.kind)).toContain('edited');
  });

  it('images.edit of one image with n: 2 and a size returns two edits of that size, both in the gallery', async () => {
    const openai = client(await tokenOf(alice, ['images']));
    const before = (await gallery(alice)).length;
    const photo = await toFile(await image('png', 96, 64, '#c03020'), 'photo.png', { type: 'image/png' });
    const res = await openai.images.edit({ image: photo, prompt: 'make it black and white', n: 2, size: '64x64' as never });
    expect(res.data).toHaveLength(2);
    const metas = await Promise.all(res.data!.map((d) => sharp(Buffer.from(d.b64_json!, 'base64')).metadata()));
    expect(metas.map((m) => [m.width, m.height])).toEqual([[64, 64], [64, 64]]);
    const after = await gallery(alice);
    expect(after.length - before).toBe(3); // the image sent, and its two edits
    expect(after.filter((a) => a.kind === 'edited').length).toBeGreaterThanOrEqual(2);
  });

  it('images.edit with several images makes a new image from them as references; quality and user are accepted', async () => {
    const openai = client(await tokenOf(alice, ['images']));
    const files = await Promise.all(['#c03020', '#2040c0'].map(async (c, i) => toFile(await image('png', 64, 64, c), `in-${i}.png`, { type: 'image/png' })));
    const res = await openai.images.edit({ image: files, prompt: 'a harbour in these colours', size: '128x128' as never, quality: 'high', user: 'script-7' });
    expect(res.data).toHaveLength(1);
    expect((await sharp(Buffer.from(res.data![0]!.b64_json!, 'base64')).metadata()).width).toBe(128);
    const [latest] = (await t.app.inject({ url: '/api/v1/generations?limit=1', headers: { cookie: alice.cookie } })).json().items;
    expect(latest).toMatchObject({ mode: 'generate', prompt: 'a harbour in these colours' });
    expect(latest.params.references).toHaveLength(2);
  });

  it('runs OpenAI\'s own model names, which clients send unasked, on the instance default engine', async () => {
    const res = await client(await tokenOf(alice, ['images'])).images.generate({ prompt: 'a paper boat', model: 'gpt-image-1', size: '128x128' as never });
    expect(res.data).toHaveLength(1);
    const [latest] = (await t.app.inject({ url: '/api/v1/generations?limit=1', headers: { cookie: alice.cookie } })).json().items;
    expect(latest).toMatchObject({ prompt: 'a paper boat', engine: t.services.engines.defaultId });
  });

  it('answers with a URL that a plain fetch opens, without credentials or cookies, as OpenAI\'s URLs do', async () => {
    const res = await client(await tokenOf(alice, ['images'])).images.generate({ prompt: 'a green hill', size: '128x128' as never, response_format: 'url' });
    const url = res.data![0]!.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/image-links\/[^/?]+\?grant=\d+\.[A-Za-z0-9_-]+$/);
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('content-disposition')).toMatch(/^inline; filename="atelier-[^"]+\.png"/);
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fetched.headers.get('cache-control')).toBe('no-store');
    expect(fetched.headers.get('set-cookie')).toBeNull();
    expect((await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()).width).toBe(128);
    // It expires an hour after the answer, as OpenAI documents.
    const expires = Number(new URL(url).searchParams.get('grant')!.split('.')[0]);
    expect(expires - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it('a link opens nothing once expired, tampered with, moved to another image, or its image trashed', async () => {
    const res = await client(await tokenOf(alice, ['images'])).images.generate({ prompt: 'a private garden', n: 2, size: '128x128' as never, response_format: 'url' });
    const [first, second] = res.data!.map((d) => new URL(d.url!));
    const assetId = first!.pathname.split('/')[3];
    const grant = first!.searchParams.get('grant')!;
    const [expires, mac] = grant.split('.');
    const origin = first!.origin;
    const flipped = `${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
    expect((await fetch(`${origin}/v1/image-links/${assetId}?grant=${expires}.${flipped}`)).status).toBe(404);
    expect((await fetch(`${origin}/v1/image-links/${assetId}?grant=${Number(expires) + 1000}.${mac}`)).status).toBe(404);
    expect((await fetch(`${origin}/v1/image-links/${second!.pathname.split('/')[3]}?grant=${grant}`)).status).toBe(404);
    expect((await fetch(`${origin}/v1/image-links/${assetId}?grant=garbage`)).status).toBe(404);
    expect((await fetch(`${origin}/v1/image-links/${assetId}`)).status).toBe(400);

    const asset = (await t.services.assets.findLive(assetId!))!;
    const expired = await fetch(`${origin}${t.services.imageLinks.path(asset, -1)}`);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe('LINK_EXPIRED');

    expect((await fetch(first!)).status).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/assets/${assetId}`, headers: alice.headers });
    expect((await fetch(first!)).status).toBe(404);
  });

  it('a token of one person never reaches another\'s images', async () => {
    const aliceToken = await tokenOf(alice, ['images']);
    const res = await client(aliceToken).images.generate({ prompt: 'a private garden', size: '128x128' as never, response_format: 'url' });
    const bobToken = await tokenOf(bob, ['images']);
    const assetId = new URL(res.data![0]!.url!).pathname.split('/')[3];
    expect((await fetch(`${baseURL.replace(/\/v1$/, '')}/api/v1/assets/${assetId}/content`, { headers: { authorization: `Bearer ${bobToken}` } })).status).toBe(404);
    expect((await gallery(bob)).length).toBe(0);
  });

  it('refuses in OpenAI\'s error shape: no or unknown token 401, a token without images 403, bad input 400', async () => {
    const unknown = await client('atl_unknown').images.generate({ prompt: 'x' }).catch((e) => e);
    expect(unknown).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(unknown.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    const raw = await fetch(`${baseURL}/images/generations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"x"}' });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('x-should-retry')).toBe('false');
    expect((await raw.json()).error).toMatchObject({ code: 'invalid_api_key' });

    const libraryOnly = await client(await tokenOf(alice, ['library'])).images.generate({ prompt: 'x' }).catch((e) => e);
    expect(libraryOnly).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(libraryOnly.error.type).toBe('permission_error');

    const openai = client(await tokenOf(alice, ['images']));
    const tooMany = await openai.images.generate({ prompt: 'x', n: 40 }).catch((e) => e);
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooMany.error).toMatchObject({ type: 'invalid_request_error', param: 'n' });
    const model = await openai.images.generate({ prompt: 'x', model: 'no-such-engine' }).catch((e) => e);
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
    expect(model.error).toMatchObject({ param: 'model', message: expect.stringContaining('builtin') });
    const photo = await toFile(await image('png', 32, 32), 'p.png', { type: 'image/png' });
    // A mask without transparency marks nothing; the built-in engine cannot inpaint, and says which engines can.
    const opaque = await openai.images.edit({ image: photo, mask: await toFile(await image('png', 32, 32), 'm.png', { type: 'image/png' }), prompt: 'sepia' }).catch((e) => e);
    expect(opaque).toBeInstanceOf(OpenAI.BadRequestError);
    expect(opaque.error).toMatchObject({ param: 'mask', message: expect.stringContaining('transparent area') });
    const cannot = await openai.images.edit({ image: photo, mask: await toFile(await holeMask(32, 32), 'm.png', { type: 'image/png' }), prompt: 'sepia' }).catch((e) => e);
    expect(cannot).toBeInstanceOf(OpenAI.BadRequestError);
    expect(cannot.error).toMatchObject({ param: 'tool', message: expect.stringContaining('cannot') });

    // An edit the engine cannot do is refused, and the image sent with it is not left in the gallery.
    const before = (await gallery(alice)).length;
    const unclear = await openai.images.edit({ image: photo, prompt: 'qwertyuiop zxcvbnm' }).catch((e) => e);
    expect(unclear).toBeInstanceOf(OpenAI.BadRequestError);
    expect(unclear.error).toMatchObject({ code: 'invalid_instruction', param: null });
    expect((await gallery(alice)).length).toBe(before);
  });
});

describe('OpenAI-compatible edits with a mask, on an engine that inpaints (an Automatic1111 stub)', () => {
  let stub: A1111Stub;
  let app: TestApp;
  let person: TestUser;
  let base: string;

  beforeAll(async () => {
    stub = await A1111Stub.start({});
    ({ t: app, alice: person } = await startEngineApp({ ATELIER_A1111_URL: stub.url }));
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}/v1`;
    return async () => {
      await app.close();
      await stub.close();
    };
  });

  it('passes the mask\'s transparent area to the engine as the area to repaint', async () => {
    const res = await app.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: person.headers, payload: { name: 'inpaint', scopes: ['images'] } });
    const openai = client(res.json().token, base);
    const photo = await toFile(await image('png', 128, 96, '#2040c0'), 'photo.png', { type: 'image/png' });
    const edited = await openai.images.edit({
      model: 'a1111', image: photo, mask: await toFile(await holeMask(128, 96), 'mask.png', { type: 'image/png' }), prompt: 'a red door',
    });
    expect(edited.data).toHaveLength(1);
    const [latest] = (await app.app.inject({ url: '/api/v1/generations?limit=1', headers: { cookie: person.cookie } })).json().items;
    const g = await waitForGeneration(app.app, person, latest.id);
    expect(g).toMatchObject({ mode: 'edit', engine: 'a1111', params: { tool: 'inpaint', maskAssetId: expect.any(String) } });
    expect(stub.jobs.at(-1)!.body).toMatchObject({ prompt: 'a red door', mask: expect.any(String) });

    // Atelier's mask is white where OpenAI's was transparent, black elsewhere.
    const stored = await app.app.inject({ url: `/api/v1/assets/${g.params.maskAssetId}/content`, headers: { cookie: person.cookie } });
    const { data, info } = await sharp(stored.rawPayload).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels];
    expect([at(64, 48), at(4, 4), at(124, 92)]).toEqual([255, 0, 0]);
  });
});
