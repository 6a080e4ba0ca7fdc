import { describe, expect, it } from 'vitest';
import { appForFile, type TestUser } from '../../test-support/harness.js';
import { EMPTY_TRASH_NOW } from './empty-trash.js';
import { image } from './test-fixtures.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

const trashIds = async (user: TestUser) =>
  (await t.app.inject({ url: '/api/v1/assets?trash=true&limit=200', headers: { cookie: user.cookie } })).json().items.map((a: { id: string }) => a.id);
const emptyTrash = (user: TestUser) => t.app.inject({ method: 'POST', url: '/api/v1/trash/empty', headers: user.headers });

async function trashed(user: TestUser, n: number): Promise<string[]> {
  const data = await image('png', 8, 8);
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push((await t.services.assets.upload(user.id, { data, fileName: `${i}.png` })).id);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets/bulk', headers: user.headers, payload: { action: 'delete', ids } });
  expect(res.json().changed).toBe(n);
  return ids;
}

describe('empty trash', () => {
  it('deletes everything in the caller\'s trash for good, and nothing else', async () => {
    const mine = await trashed(alice, 3);
    const theirs = await trashed(bob, 1);
    const live = (await t.services.assets.upload(alice.id, { data: await image('png', 8, 8), fileName: 'keep.png' })).id;
    const res = await emptyTrash(alice);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ purged: 3, queued: false });
    expect(await trashIds(alice)).toEqual([]);
    for (const id of mine) expect((await t.app.inject({ url: `/api/v1/assets/${id}`, headers: { cookie: alice.cookie } })).statusCode).toBe(404);
    expect(await trashIds(bob)).toEqual(theirs);
    expect((await t.app.inject({ url: `/api/v1/assets/${live}`, headers: { cookie: alice.cookie } })).json().deletedAt).toBeNull();
    expect((await emptyTrash(alice)).json()).toEqual({ purged: 0, queued: false });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/trash/empty' })).statusCode).toBe(401);
  });

  it('a large trash is finished by a job', async () => {
    await trashed(alice, EMPTY_TRASH_NOW + 5);
    const res = await emptyTrash(alice);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ purged: EMPTY_TRASH_NOW, queued: true });
    await expect.poll(() => trashIds(alice), { timeout: 20_000, interval: 100 }).toEqual([]);
    const left = await t.services.db.selectFrom('assets').select('id').where('user_id', '=', alice.id).where('deleted_at', 'is not', null).execute();
    expect(left).toEqual([]);
  }, 60_000);
});
