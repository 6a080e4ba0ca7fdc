import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { createTestContext, type TestContext } from '../../test-support/factories.js';

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

let env: TestContext;
let alice: string;
let bob: string;

beforeEach(async () => {
  env = await createTestContext();
  alice = await env.newUser();
  bob = await env.newUser();
});

afterEach(async () => {
  await env.close();
});

const upload = (userId = alice) => env.newAsset(userId, { width: 8, height: 8 });

describe('albums', () => {
  it('creates, reads, renames, lists and deletes', async () => {
    const created = await env.albums.create(alice, { name: '  Summer   2025 ', description: ' Beach days\nand more ' });
    expect(created).toMatchObject({ name: 'Summer 2025', description: 'Beach days\nand more', assetCount: 0, coverAssetId: null });
    expect(await env.albums.get(alice, created.id)).toEqual(created);

    env.clock.advance(5000);
    const renamed = await env.albums.update(alice, created.id, { name: 'Summer' });
    expect(renamed.name).toBe('Summer');
    expect(renamed.description).toBe('Beach days\nand more');
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect((await env.albums.update(alice, created.id, { description: '' })).description).toBe('');

    const second = await env.albums.create(alice, { name: 'Winter' });
    await env.albums.create(bob, { name: 'Not yours' });
    expect((await env.albums.list(alice)).items.map((a) => a.name)).toEqual(['Winter', 'Summer']);

    await env.albums.delete(alice, created.id);
    await expectAppError(env.albums.get(alice, created.id), 'NOT_FOUND');
    await expectAppError(env.albums.delete(alice, created.id), 'NOT_FOUND');
    expect((await env.albums.list(alice)).items.map((a) => a.id)).toEqual([second.id]);
  });

  it('validates names and descriptions', async () => {
    await expectAppError(env.albums.create(alice, { name: '   ' }), 'VALIDATION_FAILED');
    await expectAppError(env.albums.create(alice, { name: 'x'.repeat(101) }), 'VALIDATION_FAILED');
    expect((await env.albums.create(alice, { name: 'x'.repeat(100) })).name).toHaveLength(100);
    await expectAppError(env.albums.create(alice, { name: 'ok', description: 'd'.repeat(1001) }), 'VALIDATION_FAILED');
    expect((await env.albums.create(alice, { name: 'ok', description: 'd'.repeat(1000) })).description).toHaveLength(1000);
  });

  it('pages with a keyset cursor', async () => {
    for (let i = 0; i < 7; i++) {
      await env.albums.create(alice, { name: `A${i}` });
      if (i % 2) env.clock.advance(1000);
    }
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await env.albums.list(alice, { limit: 3, cursor });
      names.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(names.sort()).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
  });

  it('adds and removes assets, counts live ones, and keeps the latest added as cover', async () => {
    const album = await env.albums.create(alice, { name: 'Trip' });
    const [a, b, c] = [await upload(), await upload(), await upload()];
    const r1 = await env.albums.addAssets(alice, album.id, [a.id, b.id]);
    expect(r1.added).toBe(2);
    expect(r1.album).toMatchObject({ assetCount: 2 });
    env.clock.advance(1000);
    const r2 = await env.albums.addAssets(alice, album.id, [b.id, c.id, c.id]);
    expect(r2.added).toBe(1); // b was already there
    expect(r2.album).toMatchObject({ assetCount: 3, coverAssetId: c.id });

    await env.assets.trash(alice, c.id);
    expect(await env.albums.get(alice, album.id)).toMatchObject({ assetCount: 2 });
    expect((await env.albums.get(alice, album.id)).coverAssetId).not.toBe(c.id);
    // A trashed asset cannot be added.
    const trashed = await expectAppError(env.albums.addAssets(alice, album.id, [c.id]), 'NOT_FOUND');
    expect(trashed.details).toEqual({ missingIds: [c.id] });

    const removed = await env.albums.removeAssets(alice, album.id, [a.id, c.id]);
    expect(removed.removed).toBe(2);
    expect(removed.album.assetCount).toBe(1);
    expect((await env.assets.list(alice, { albumId: album.id })).items.map((i) => i.id)).toEqual([b.id]);
  });

  it('deleting an album never deletes its assets', async () => {
    const album = await env.albums.create(alice, { name: 'Temp' });
    const a = await upload();
    await env.albums.addAssets(alice, album.id, [a.id]);
    await env.albums.delete(alice, album.id);
    expect((await env.assets.get(alice, a.id)).deletedAt).toBeNull();
    expect(await env.db.selectFrom('album_assets').selectAll().execute()).toEqual([]);
  });

  it("checks ownership of both the album and the assets", async () => {
    const mine = await env.albums.create(alice, { name: 'Mine' });
    const theirs = await env.albums.create(bob, { name: 'Theirs' });
    const myAsset = await upload(alice);
    const theirAsset = await upload(bob);

    for (const call of [
      () => env.albums.get(alice, theirs.id),
      () => env.albums.update(alice, theirs.id, { name: 'hijacked' }),
      () => env.albums.delete(alice, theirs.id),
      () => env.albums.addAssets(alice, theirs.id, [myAsset.id]),
      () => env.albums.removeAssets(alice, theirs.id, [myAsset.id]),
    ]) {
      const err = await expectAppError(call(), 'NOT_FOUND');
      expect(err.message).toBe('Album not found');
    }
    const err = await expectAppError(env.albums.addAssets(alice, mine.id, [myAsset.id, theirAsset.id]), 'NOT_FOUND');
    expect(err.details).toEqual({ missingIds: [theirAsset.id] });
    expect((await env.albums.get(alice, mine.id)).assetCount).toBe(0); // all or nothing
    await expectAppError(env.albums.removeAssets(alice, mine.id, [theirAsset.id]), 'NOT_FOUND');
    expect((await env.albums.get(bob, theirs.id)).name).toBe('Theirs');
  });
});
