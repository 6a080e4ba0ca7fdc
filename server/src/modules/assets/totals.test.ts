import { describe, expect, it } from 'vitest';
import { appForFile, signUp, waitForGeneration, type TestUser } from '../../test-support/harness.js';
import { image } from './test-fixtures.js';
import { boundedCount, textTotal } from '../../db/bounded-count.js';

const { t } = appForFile();

const get = async (user: TestUser, url: string) => (await t.app.inject({ url, headers: { cookie: user.cookie } })).json();
const total = async (user: TestUser, query = '') => (await get(user, `/api/v1/assets?limit=1${query}`)).total as number | null;
const totalOf = async (user: TestUser, query: string) => {
  const page = await get(user, `/api/v1/assets?limit=1${query}`);
  return { total: page.total, totalAccuracy: page.totalAccuracy };
};
const send = (user: TestUser, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

/** The counters must always equal what a full count says. */
async function expectCountersExact(userId: string): Promise<void> {
  const counted = await t.services.db.selectFrom('assets').select(['kind', 'deleted_at', 'favorite']).where('user_id', '=', userId).execute();
  const counters = await t.services.db.selectFrom('asset_counts').selectAll().where('user_id', '=', userId).execute();
  const key = (kind: string, trashed: number, favorite: number) => `${kind}/${trashed}/${favorite}`;
  const want = new Map<string, number>();
  for (const a of counted) {
    const k = key(a.kind, a.deleted_at === null ? 0 : 1, Number(a.favorite));
    want.set(k, (want.get(k) ?? 0) + 1);
  }
  const have = new Map(counters.filter((c) => Number(c.n) !== 0).map((c) => [key(c.kind, Number(c.trashed), Number(c.favorite)), Number(c.n)]));
  expect(have).toEqual(want);
}

describe('library totals', () => {
  it('the gallery and trash totals follow uploads, favourites, trash, restore and purge', async () => {
    const ann = await signUp(t.app);
    const data = await image('png', 8, 8);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await t.services.assets.upload(ann.id, { data, fileName: `${i}.png` })).id);
    expect(await total(ann)).toBe(4);
    expect(await total(ann, '&kind=upload')).toBe(4);
    expect(await total(ann, '&kind=generated')).toBe(0);

    await send(ann, 'PUT', `/api/v1/assets/${ids[0]}/favorite`);
    await send(ann, 'PUT', `/api/v1/assets/${ids[0]}/favorite`); // idempotent: still one
    expect(await total(ann, '&favorite=true')).toBe(1);
    await send(ann, 'POST', '/api/v1/assets/bulk', { action: 'delete', ids: [ids[0], ids[1]] });
    expect(await total(ann)).toBe(2);
    expect(await total(ann, '&trash=true')).toBe(2);
    expect(await total(ann, '&favorite=true')).toBe(0);
    await send(ann, 'POST', `/api/v1/assets/${ids[0]}/restore`);
    expect([await total(ann), await total(ann, '&trash=true'), await total(ann, '&favorite=true')]).toEqual([3, 1, 1]);
    await send(ann, 'POST', `/api/v1/assets/${ids[1]}/purge`);
    expect([await total(ann), await total(ann, '&trash=true')]).toEqual([3, 0]);
    await expectCountersExact(ann.id);

    // Filters the counters do not cover are counted up to a cap, on the first page.
    expect(await totalOf(ann, '&q=png')).toEqual({ total: 3, totalAccuracy: 'exact' });
    expect(await totalOf(ann, '&q=0.png')).toEqual({ total: 1, totalAccuracy: 'exact' });
    await send(ann, 'PUT', `/api/v1/assets/${ids[2]}/tags`, { tags: ['x'] });
    await send(ann, 'PUT', `/api/v1/assets/${ids[3]}/tags`, { tags: ['x'] });
    expect(await totalOf(ann, '&tag=x')).toEqual({ total: 2, totalAccuracy: 'exact' });
    const album = (await send(ann, 'POST', '/api/v1/albums', { name: 'Two' })).json();
    await send(ann, 'POST', `/api/v1/albums/${album.id}/assets`, { assetIds: [ids[0], ids[2]] });
    expect(await totalOf(ann, `&album=${album.id}`)).toEqual({ total: 2, totalAccuracy: 'exact' });
    expect(await totalOf(ann, `&album=${album.id}&tag=x`)).toEqual({ total: 1, totalAccuracy: 'exact' });
    await send(ann, 'POST', '/api/v1/assets/bulk', { action: 'delete', ids: [ids[2]] });
    expect(await totalOf(ann, `&album=${album.id}`)).toEqual({ total: 1, totalAccuracy: 'exact' });
    const first = await get(ann, '/api/v1/assets?limit=1&q=png');
    const later = await get(ann, `/api/v1/assets?limit=1&q=png&cursor=${first.nextCursor}`);
    expect(later.items).toHaveLength(1);
    expect(later).not.toHaveProperty('total');

    const other = await signUp(t.app);
    expect(await total(other)).toBe(0);
  });

  it('History shows the total of generations per mode and status', async () => {
    const ben = await signUp(t.app);
    for (const prompt of ['one', 'two']) {
      const g = (await send(ben, 'POST', '/api/v1/generations', { prompt, size: '64x64' })).json();
      expect((await waitForGeneration(t.app, ben, g.id)).status).toBe('succeeded');
    }
    const history = async (query = '') => (await get(ben, `/api/v1/generations?limit=1${query}`)).total;
    expect(await history()).toBe(2);
    expect(await history('&status=succeeded')).toBe(2);
    expect(await history('&status=failed')).toBe(0);
    expect(await history('&mode=edit')).toBe(0);
    expect(await history('&q=one')).toBe(1);
    expect(await history('&q=o')).toBe(2);
    expect((await get(ben, '/api/v1/generations?limit=1&q=zzz')).totalAccuracy).toBe('exact');
    const counters = await t.services.db.selectFrom('generation_counts').selectAll().where('user_id', '=', ben.id).execute();
    expect(counters.filter((c) => Number(c.n) !== 0).map((c) => [c.mode, c.status, Number(c.n)])).toEqual([['generate', 'succeeded', 2]]);
    await expectCountersExact(ben.id);
  });

  it('beyond the cap an album or tag says "more than", a search text is estimated from the newest rows', async () => {
    const cy = await signUp(t.app);
    const data = await image('png', 8, 8);
    for (const name of ['fox-1', 'cat-2', 'fox-3', 'cat-4']) await t.services.assets.upload(cy.id, { data, fileName: `${name}.png` });
    const db = t.services.db;
    const mine = db.selectFrom('assets').selectAll().where('user_id', '=', cy.id).orderBy('created_at', 'desc').orderBy('id', 'desc');
    expect(await boundedCount(db, mine, 3)).toEqual({ total: 3, totalAccuracy: 'atLeast' });
    expect(await boundedCount(db, mine, 4)).toEqual({ total: 4, totalAccuracy: 'exact' });
    // Every one of the newest rows read matches: scaled to the four there are, "about 4".
    expect(await textTotal(db, mine, 'search_text', '%.png%', 4, 2)).toEqual({ total: 4, totalAccuracy: 'about' });
    expect(await textTotal(db, mine, 'search_text', '%zebra%', 4, 2)).toEqual({ total: 0, totalAccuracy: 'about' });
    expect(await textTotal(db, mine, 'search_text', '%fox%', 4, 4)).toEqual({ total: 2, totalAccuracy: 'exact' });
    expect(await textTotal(db, mine, 'search_text', '%fox%', undefined, 2)).toEqual({ total: null });
  });
});
