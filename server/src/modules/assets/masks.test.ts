/**
 * Inpainting masks painted in the studio are the person's assets, reachable by id, but no gallery page, kind filter,
 * count or search lists them; they are exported and erased with the person's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { findResidue } from '../privacy/deletion/test-support.js';
import { squareMask } from '../../test-support/stubs/local-engine-test.js';
import { createTestApp, signUp, tempDir, type TestApp, type TestUser } from '../../test-support/harness.js';
import { image, multipart } from './test-fixtures.js';

let t: TestApp;
let alice: TestUser;

beforeAll(async () => {
  const base = testConfig(tempDir());
  t = await createTestApp({ config: { privacy: { ...base.privacy, deletionGraceDays: 0 } } });
  alice = await signUp(t.app);
});
afterAll(() => t?.close());

async function post(url: string, user: TestUser, png: Buffer, filename: string) {
  const form = multipart({ data: png, filename, contentType: 'image/png' });
  return t.app.inject({ method: 'POST', url, headers: { ...user.headers, ...form.headers }, payload: form.payload });
}

const gallery = async (user: TestUser, query = '') =>
  (await t.app.inject({ url: `/api/v1/assets${query}`, headers: { cookie: user.cookie } })).json();

describe('inpainting masks', () => {
  it('are stored as the person\'s masks, readable by id, and left out of every gallery list and count', async () => {
    const photo = (await post('/api/v1/assets', alice, await image('png', 96, 64), 'harbour.png')).json();
    const res = await post('/api/v1/assets/masks', alice, await squareMask(96, 64), 'mask.png');
    expect(res.statusCode, res.body).toBe(201);
    const mask = res.json();
    expect(mask).toMatchObject({ kind: 'mask', width: 96, height: 64, prompt: null });

    for (const query of ['', '?kind=upload', '?q=mask', '?favorite=false']) {
      const page = await gallery(alice, query);
      expect(page.items.map((a: { id: string }) => a.id), query).not.toContain(mask.id);
    }
    expect(await gallery(alice)).toMatchObject({ items: [{ id: photo.id }], total: 1 });
    expect((await gallery(alice, '?kind=mask')).error.code).toBe('VALIDATION_FAILED');
    const own = await t.app.inject({ url: `/api/v1/assets/${mask.id}/content`, headers: { cookie: alice.cookie } });
    expect(own.statusCode).toBe(200);
    const bob = await signUp(t.app);
    expect((await t.app.inject({ url: `/api/v1/assets/${mask.id}`, headers: { cookie: bob.cookie } })).statusCode).toBe(404);
  });

  it('takes only images, and is refused without the images scope', async () => {
    const form = multipart({ data: Buffer.from('not an image'), filename: 'mask.png', contentType: 'image/png' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets/masks', headers: { ...alice.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(415);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/assets/masks', headers: form.headers, payload: form.payload });
    expect(anonymous.statusCode).toBe(401);
  });

  it('are exported and erased with the person\'s data', async () => {
    const person = await signUp(t.app);
    const mask = (await post('/api/v1/assets/masks', person, await squareMask(64, 64), 'mask.png')).json();
    const assets = t.services.personalData.exportOrder.find((m) => m.tables.includes('assets'))!;
    const files: Array<{ path: string; json?: any }> = [];
    for await (const entry of assets.exportFor!(person.id)) files.push(entry as { path: string; json?: any });
    expect(files.find((f) => f.json?.id === mask.id)?.json).toMatchObject({ kind: 'mask', file: `media/${mask.id}.png` });

    const { blobDir } = t.services.config;
    expect((await findResidue(t.services.config, blobDir, person.id, [])).blobFiles.length).toBeGreaterThan(0);
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: person.headers, payload: { password: person.password } });
    expect(res.statusCode).toBe(202);
    expect(await findResidue(t.services.config, blobDir, person.id, [])).toEqual({ cells: [], rawBytes: [], blobFiles: [] });
  });
});
