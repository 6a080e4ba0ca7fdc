import { describe, expect, it } from 'vitest';
import { appForFile, type TestUser } from '../../test-support/harness.js';
import { image, multipart } from '../assets/test-fixtures.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

const get = (user: TestUser, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
const send = (user: TestUser, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

async function upload(user: TestUser): Promise<string> {
  const body = multipart({ data: await image('png', 8, 8), filename: 'a.png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('albums API', () => {
  it('creates, reads, updates, lists and deletes', async () => {
    const created = await send(alice, 'POST', '/api/v1/albums', { name: 'Holidays', description: 'Sun' });
    expect(created.statusCode).toBe(201);
    const album = created.json();
    expect(album).toMatchObject({ name: 'Holidays', description: 'Sun', assetCount: 0, coverAssetId: null });

    expect((await get(alice, `/api/v1/albums/${album.id}`)).json()).toEqual(album);
    const patched = await send(alice, 'PATCH', `/api/v1/albums/${album.id}`, { name: 'Holidays 2025' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Holidays 2025', description: 'Sun' });

    const list = await get(alice, '/api/v1/albums');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(album.id);
    expect(list.json()).toHaveProperty('nextCursor', null);

    expect((await send(alice, 'DELETE', `/api/v1/albums/${album.id}`)).statusCode).toBe(204);
    expect((await get(alice, `/api/v1/albums/${album.id}`)).statusCode).toBe(404);
  });

  it('validates bodies', async () => {
    expect((await send(alice, 'POST', '/api/v1/albums', {})).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/albums', { name: '' })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/albums', { name: '   ' })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/albums', { name: 'x'.repeat(101) })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/albums', { name: 'ok', description: 'd'.repeat(1001) })).statusCode).toBe(400);
    expect((await send(alice, 'POST', '/api/v1/albums', { name: 'ok', owner: 'x' })).statusCode).toBe(400);
    const album = (await send(alice, 'POST', '/api/v1/albums', { name: 'v' })).json();
    expect((await send(alice, 'PATCH', `/api/v1/albums/${album.id}`, {})).statusCode).toBe(400);
    expect((await send(alice, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [] })).statusCode).toBe(400);
  });

  it('adds and removes assets, by list and one at a time; deleting the album keeps the assets', async () => {
    const album = (await send(alice, 'POST', '/api/v1/albums', { name: 'Members' })).json();
    const [a, b, c] = [await upload(alice), await upload(alice), await upload(alice)];

    const added = await send(alice, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [a, b, c] });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ added: 3, album: { id: album.id, assetCount: 3 } });
    expect([a, b, c]).toContain(added.json().album.coverAssetId);

    const removed = await send(alice, 'DELETE', `/api/v1/albums/${album.id}/assets`, { assetIds: [a, b] });
    expect(removed.json()).toMatchObject({ removed: 2, album: { assetCount: 1, coverAssetId: c } });
    const one = await send(alice, 'DELETE', `/api/v1/albums/${album.id}/assets/${c}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ removed: 1, album: { assetCount: 0, coverAssetId: null } });

    await send(alice, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [a] });
    expect((await send(alice, 'DELETE', `/api/v1/albums/${album.id}`)).statusCode).toBe(204);
    expect((await get(alice, `/api/v1/assets/${a}`)).json().deletedAt).toBeNull();
  });

  it("answers 404 for another user's album and refuses their assets", async () => {
    const mine = (await send(alice, 'POST', '/api/v1/albums', { name: 'Private' })).json();
    const bobAsset = await upload(bob);
    const aliceAsset = await upload(alice);
    for (const res of [
      await get(bob, `/api/v1/albums/${mine.id}`),
      await send(bob, 'PATCH', `/api/v1/albums/${mine.id}`, { name: 'x' }),
      await send(bob, 'DELETE', `/api/v1/albums/${mine.id}`),
      await send(bob, 'POST', `/api/v1/albums/${mine.id}/assets`, { assetIds: [bobAsset] }),
      await send(bob, 'DELETE', `/api/v1/albums/${mine.id}/assets`, { assetIds: [aliceAsset] }),
      await send(bob, 'DELETE', `/api/v1/albums/${mine.id}/assets/${aliceAsset}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('Album not found');
    }
    expect((await get(bob, '/api/v1/albums')).json().items.map((a: { id: string }) => a.id)).not.toContain(mine.id);
    expect((await get(bob, `/api/v1/assets?album=${mine.id}`)).statusCode).toBe(404);

    const refused = await send(alice, 'POST', `/api/v1/albums/${mine.id}/assets`, { assetIds: [aliceAsset, bobAsset] });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.details).toEqual({ missingIds: [bobAsset] });
    expect((await get(alice, `/api/v1/albums/${mine.id}`)).json().assetCount).toBe(0);
    expect((await get(alice, '/api/v1/albums/x')).statusCode).toBe(404);
  });
});
