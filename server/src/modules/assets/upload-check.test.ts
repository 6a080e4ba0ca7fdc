import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageClassifier, ImageScores } from '../moderation/image-classifier.js';
import { testConfig } from '../../config.js';
import { withModeration } from '../moderation/test-fixtures.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import { createTestApp, signUp, tempDir, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { multipart } from './test-fixtures.js';

/**
 * The image check of uploads runs in a job (ADR 0035). The classifier here is a stand-in that answers the scores the
 * test sets, and only once the test lets it: so "the upload answered before the check" needs no timing. The real
 * classifier is exercised by moderation/image-check.test.ts.
 */
class HeldClassifier implements ImageClassifier {
  scores: ImageScores = { Neutral: 1 };
  calls = 0;
  private held = true;
  private readonly waiting: Array<() => void> = [];

  async classify(): Promise<ImageScores> {
    this.calls += 1;
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.scores;
  }

  release(): void {
    this.held = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

const checkOn = (action: 'withhold' | 'blur') => withModeration(undefined, { enabled: true, thresholds: { Porn: 0.7 }, action });

/** Stripes: an image a blur visibly changes. */
function stripes(): Promise<Buffer> {
  const [width, height] = [96, 64];
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.fill(Math.floor((i % width) / 4) % 2 ? 230 : 20, i * 3, i * 3 + 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function upload(t: TestApp, user: TestUser, name = 'holiday.png') {
  const body = multipart({ data: await stripes(), filename: name, contentType: 'image/png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Polls the asset until its check ended: the asset as it is then, or null when the check deleted it. */
async function afterCheck(t: TestApp, user: TestUser, id: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.app.inject({ url: `/api/v1/assets/${id}`, headers: { cookie: user.cookie } });
    if (res.statusCode === 404) return null;
    if (!res.json().checking) return res.json();
    if (Date.now() > deadline) throw new Error(`asset ${id} still checking after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const post = (t: TestApp, user: TestUser, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: user.headers, payload });

describe('an upload with the image check on', () => {
  const classifier = new HeldClassifier();
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ config: checkOn('withhold'), imageClassifier: classifier });
    user = await signUp(t.app);
  });
  afterAll(() => t?.close());

  it('answers at once, checking; it cannot be used, shared or edited until the check ends, then it is usable', async () => {
    const asset = await upload(t, user);
    expect(asset).toMatchObject({ kind: 'upload', checking: true });
    // Its owner sees it in the gallery, as checking.
    const gallery = (await t.app.inject({ url: '/api/v1/assets', headers: { cookie: user.cookie } })).json();
    // It may yet be blurred: the browser must not keep it.
    const thumbnail = await t.app.inject({ url: `/api/v1/assets/${asset.id}/thumbnail`, headers: { cookie: user.cookie } });
    expect(thumbnail.headers['cache-control']).toBe('private, no-cache');
    expect(gallery.items.find((a: { id: string }) => a.id === asset.id)).toMatchObject({ checking: true });

    for (const res of [
      await post(t, user, '/api/v1/generations', { prompt: 'a lighthouse', size: '64x64', references: [asset.id] }),
      await post(t, user, '/api/v1/edits', { assetId: asset.id, instruction: 'rotate 90 degrees' }),
      await post(t, user, '/api/v1/shares', { assetId: asset.id, allowDownload: false }),
    ]) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'IMAGE_CHECKING', message: 'This image is still being checked. Wait a moment and try again.' });
    }
    classifier.release();
    const checked = await afterCheck(t, user, asset.id);
    expect(checked).not.toHaveProperty('checking');
    expect(checked.sha256).toBe(asset.sha256);
    expect(classifier.calls).toBe(1);
    const edit = await post(t, user, '/api/v1/edits', { assetId: asset.id, instruction: 'rotate 90 degrees' });
    expect(edit.statusCode).toBe(202);
    expect((await waitForGeneration(t.app, user, edit.json().id)).status).toBe('succeeded');
    expect((await post(t, user, '/api/v1/shares', { assetId: asset.id, allowDownload: false })).statusCode).toBe(201);
  });

  it('leaves inpainting masks alone, which cannot be shared', async () => {
    const body = multipart({ data: await stripes(), filename: 'mask.png', contentType: 'image/png' });
    const mask = await t.app.inject({ method: 'POST', url: '/api/v1/assets/masks', headers: { ...user.headers, ...body.headers }, payload: body.payload });
    expect(mask.statusCode, mask.body).toBe(201);
    expect(mask.json()).not.toHaveProperty('checking');
    const share = await post(t, user, '/api/v1/shares', { assetId: mask.json().id, allowDownload: false });
    expect(share.statusCode).toBe(409);
    expect(share.json().error.message).toBe('An inpainting mask cannot be shared.');
  });

  it('is deleted when the check withholds it, original included, and the refusal is counted', async () => {
    const refusals = () => t.services.db.selectFrom('moderation_refusals').selectAll().where('user_id', '=', user.id).executeTakeFirst();
    const before = (await refusals())?.refusals ?? 0;
    classifier.scores = { Porn: 0.9, Neutral: 0.1 };
    const asset = await upload(t, user, 'flagged.png');
    expect(await afterCheck(t, user, asset.id)).toBeNull();
    expect(await t.services.db.selectFrom('assets').select('id').where('id', '=', asset.id).execute()).toEqual([]);
    expect(await t.services.blobs.exists(`u/${user.id}/orig/${asset.id}`)).toBe(false);
    expect(await refusals()).toMatchObject({ refusals: before + 1, last_category: 'image:Porn' });
  });
  it('is checked inside a compatible request that sends it, which waits for its images anyway', async () => {
    const token = (await post(t, user, '/api/v1/me/tokens', { name: 'script', scopes: ['images'] })).json().token;
    const edit = async () => {
      const body = multipart({ data: await stripes(), filename: 'photo.png', contentType: 'image/png', field: 'image' }, { prompt: 'rotate 90 degrees' });
      return t.app.inject({ method: 'POST', url: '/v1/images/edits', headers: { authorization: `Bearer ${token}`, ...body.headers }, payload: body.payload });
    };
    const uploads = async () => (await t.services.db.selectFrom('assets').select('id').where('user_id', '=', user.id).where('kind', '=', 'upload').execute()).length;
    const before = await uploads();
    classifier.release();
    classifier.scores = { Porn: 0.9 };
    const refused = await edit();
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'moderation_blocked' });
    expect(await uploads()).toBe(before);

    classifier.scores = { Neutral: 1 };
    const edited = await edit();
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().data).toHaveLength(1);
  });
});

describe('an upload the check blurs', () => {
  const classifier = new HeldClassifier();
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    classifier.scores = { Porn: 0.95 };
    classifier.release();
    t = await createTestApp({ config: checkOn('blur'), imageClassifier: classifier });
    user = await signUp(t.app);
  });
  afterAll(() => t?.close());

  it('is stored blurred and becomes usable', async () => {
    const asset = await upload(t, user);
    const checked = await afterCheck(t, user, asset.id);
    expect(checked).not.toBeNull();
    expect(checked).not.toHaveProperty('checking');
    expect(checked.sha256).not.toBe(asset.sha256);
    const content = await t.app.inject({ url: `/api/v1/assets/${asset.id}/content`, headers: { cookie: user.cookie } });
    expect(content.headers.etag).toBe(`"${checked.sha256}"`);
    expect((await post(t, user, '/api/v1/edits', { assetId: asset.id, instruction: 'rotate 90 degrees' })).statusCode).toBe(202);
  });
});

describe('an upload with the check off', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ config: withModeration() });
    user = await signUp(t.app);
  });
  afterAll(() => t?.close());

  it('is usable at once: no state, no job', async () => {
    const asset = await upload(t, user);
    expect(asset).not.toHaveProperty('checking');
    expect(t.services.uploadChecks).toBeUndefined();
    expect(await t.services.db.selectFrom('job_outbox').select('kind').where('kind', '=', 'upload-check').execute()).toEqual([]);
    expect((await post(t, user, '/api/v1/edits', { assetId: asset.id, instruction: 'rotate 90 degrees' })).statusCode).toBe(202);
  });
});

const onBullmq = () => ({ deployment: { ...testConfig('unused').deployment, redisUrl: testRedisUrl, redisPrefix: uniqueRedisPrefix() } });

describe.each([['the embedded queue', () => ({})], ['BullMQ', onBullmq]])('a restart before the check ran, on %s', (_name, queue) => {
  it('finishes the check in the restarted server', async () => {
    const dataDir = tempDir();
    const config = { ...checkOn('withhold'), ...queue() };
    const first = await createTestApp({ dataDir, config: { ...config, workerConcurrency: 0 }, imageClassifier: new HeldClassifier() });
    const user = await signUp(first.app);
    const asset = await upload(first, user);
    expect(asset.checking).toBe(true);
    await first.close();

    const classifier = new HeldClassifier();
    classifier.release();
    const second = await createTestApp({ dataDir, config, imageClassifier: classifier });
    try {
      const checked = await afterCheck(second, user, asset.id);
      expect(checked).not.toBeNull();
      expect(checked).not.toHaveProperty('checking');
      expect(classifier.calls).toBe(1);
    } finally {
      await second.close();
    }
  });
});
