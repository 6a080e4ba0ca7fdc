import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { image, multipart } from '../assets/test-fixtures.js';
import { sharedImageClassifier } from './image-classifier.js';
import { withModeration } from './test-fixtures.js';

/**
 * The image check on the real classifier (nsfwjs's bundled model on TensorFlow.js in pure JavaScript). Thresholds of 0
 * and above 1 make the outcome independent of how the model rates the test images, though not of its rating them: a
 * class it gives no score flags nothing, and its five scores are checked below. Slow (seconds per image): the model
 * loads once for the file.
 */
const SLOW = 600_000;
const apps: Record<'withhold' | 'off' | 'blur', { t: TestApp; user: TestUser }> = {} as never;

beforeAll(async () => {
  const configs = {
    withhold: withModeration(undefined, { enabled: true, thresholds: { Neutral: 0, Porn: 0.7 }, action: 'withhold' }),
    off: withModeration(undefined, { enabled: true, thresholds: { Neutral: 1.01, Drawing: 1.01 } }),
    blur: withModeration(undefined, { enabled: true, thresholds: { Neutral: 0 }, action: 'blur' }),
  };
  for (const [name, config] of Object.entries(configs)) {
    const t = await createTestApp({ config });
    apps[name as keyof typeof apps] = { t, user: await signUp(t.app) };
  }
}, SLOW);
afterAll(async () => {
  for (const { t } of Object.values(apps)) await t?.close();
});

async function generate({ t, user }: { t: TestApp; user: TestUser }, count: number) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers,
    payload: { prompt: 'a striped lighthouse on a rocky coast', size: '256x256', seed: 7, count } });
  expect(res.statusCode, res.body).toBe(202);
  return waitForGeneration(t.app, user, res.json().id, SLOW);
}

/** How much fine detail an image has: the variance of what a slight blur takes away from it (its high frequencies). */
async function detail({ t, user }: { t: TestApp; user: TestUser }, assetId: string): Promise<number> {
  const res = await t.app.inject({ url: `/api/v1/assets/${assetId}/content`, headers: { cookie: user.cookie } });
  const grey = sharp(res.rawPayload).greyscale();
  const [plain, soft] = await Promise.all([grey.clone().raw().toBuffer(), grey.clone().blur(2).raw().toBuffer()]);
  let sum = 0;
  for (let i = 0; i < plain.length; i++) sum += (plain[i]! - soft[i]!) ** 2;
  return sum / plain.length;
}

describe('the image check', () => {
  it('withholds every output when a class\'s threshold is 0: the set shows them refused, nothing is stored, each is counted', async () => {
    const app = apps.withhold;
    const g = await generate(app, 2);
    expect(g.status).toBe('failed');
    expect(g.error.code).toBe('IMAGE_REFUSED');
    for (const output of g.outputs) {
      expect(output.error.code).toBe('IMAGE_REFUSED');
      expect(output.error.message).toMatch(/withheld: the image check found it falls under "Neutral"/);
    }
    expect(await app.t.services.db.selectFrom('assets').select('id').where('user_id', '=', app.user.id).execute()).toEqual([]);
    const refusals = await app.t.services.db.selectFrom('moderation_refusals').selectAll().where('user_id', '=', app.user.id).executeTakeFirstOrThrow();
    expect(refusals).toMatchObject({ refusals: 2, last_category: 'image:Neutral' });
  }, SLOW);

  it('answers an upload at once, checking; the check\'s job deletes it when the policy withholds it, and counts it', async () => {
    const { t, user } = apps.withhold;
    const body = multipart({ data: await image('png', 96, 64), filename: 'holiday.png', contentType: 'image/png' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ checking: true });
    const deadline = Date.now() + SLOW;
    while ((await t.app.inject({ url: `/api/v1/assets/${res.json().id}`, headers: { cookie: user.cookie } })).statusCode !== 404) {
      if (Date.now() > deadline) throw new Error('the upload is still there');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await t.services.db.selectFrom('assets').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  }, SLOW);

  it('says on /privacy what the classifier checks and keeps', async () => {
    const withheld = (await apps.withhold.t.app.inject({ url: '/privacy' })).body;
    expect(withheld).toContain('checked by an image classifier (nsfwjs), which\nruns here on this server');
    expect(withheld).toContain('(<code>Neutral</code>, <code>Porn</code>) is not stored');
    expect(withheld).toContain('The classifier\'s scores are not kept.');
    expect((await apps.blur.t.app.inject({ url: '/privacy' })).body).toContain('is stored blurred instead');
  });

  it('keeps every output when every threshold is above 1, and blurs them in blur mode', async () => {
    const kept = await generate(apps.off, 1);
    expect(kept.status).toBe('succeeded');
    const blurred = await generate(apps.blur, 1);
    expect(blurred.status).toBe('succeeded');
    // The same seed and prompt draw the same picture: the blurred one has lost its fine detail (edges' variance drops).
    const keptDetail = await detail(apps.off, kept.outputs[0].asset.id);
    const blurredDetail = await detail(apps.blur, blurred.outputs[0].asset.id);
    expect(keptDetail).toBeGreaterThan(5);
    expect(blurredDetail).toBeLessThan(keptDetail / 10);
  }, SLOW);

  it('gets from nsfwjs a probability for each of its five classes, which depends on the image', async () => {
    const { t, user } = apps.off;
    const picture = await generate(apps.off, 1);
    const res = await t.app.inject({ url: `/api/v1/assets/${picture.outputs[0].asset.id}/content`, headers: { cookie: user.cookie } });
    const classifier = sharedImageClassifier();
    const scores = await classifier.classify(res.rawPayload);
    expect(Object.keys(scores).sort()).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    for (const p of Object.values(scores)) expect(p).toBeGreaterThanOrEqual(0);
    expect(Object.values(scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    const flat = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#808080' } }).png().toBuffer();
    expect(await classifier.classify(flat)).not.toEqual(scores);
  }, SLOW);
});
