import fs from 'node:fs';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { openTestDatabase } from '../test-support/test-database.js';
import { PreparedQuery } from './prepared-query.js';

interface T {
  items: { id: string; owner: string; n: number; note: string | null };
}

let dir: string;
let db: Kysely<T>;
let closeDatabase: () => Promise<void>;

beforeEach(async () => {
  dir = tempDir('atelier-prepared-');
  const opened = await openTestDatabase(dir);
  db = opened.db as unknown as Kysely<T>;
  closeDatabase = opened.close;
  await sql`create table items (id text primary key, owner text not null, n integer not null, note text)`.execute(db);
  await db.insertInto('items').values([
    { id: 'a', owner: 'ann', n: 1, note: null },
    { id: 'b', owner: 'ann', n: 2, note: 'x' },
    { id: 'c', owner: 'bob', n: 3, note: null },
  ]).execute();
});

afterEach(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byOwner = new PreparedQuery((p: { owner: string; min: number }) =>
  db.selectFrom('items').select(['id', 'n']).where('owner', '=', p.owner).where('n', '>=', p.min).orderBy('id'));

describe('PreparedQuery', () => {
  it('runs the same shape with each call\'s arguments', async () => {
    expect(await byOwner.execute(db, { owner: 'ann', min: 2 })).toEqual([{ id: 'b', n: 2 }]);
    expect(await byOwner.execute(db, { owner: 'ann', min: 0 })).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    expect(await byOwner.execute(db, { owner: 'bob', min: 0 })).toEqual([{ id: 'c', n: 3 }]);
  });

  it('keeps the constants written into the shape and binds nulls', async () => {
    const bump = new PreparedQuery((p: { id: string; note: string | null }) =>
      db.updateTable('items').set({ n: sql<number>`n + 10`, note: p.note }).where('id', '=', p.id).where('owner', 'in', ['ann', 'bob'])
        .returning(['id', 'n', 'note']));
    expect(await bump.executeTakeFirst(db, { id: 'b', note: null })).toEqual({ id: 'b', n: 12, note: null });
    expect(await bump.executeTakeFirst(db, { id: 'zzz', note: 'y' })).toBeUndefined();
  });

  it('counts the rows a write changed', async () => {
    const remove = new PreparedQuery((p: { owner: string }) => db.deleteFrom('items').where('owner', '=', p.owner));
    expect(await remove.executeChanges(db, { owner: 'ann' })).toBe(2);
    expect(await remove.executeChanges(db, { owner: 'ann' })).toBe(0);
  });

  it('joins the transaction it runs on, so a rollback undoes it', async () => {
    const add = new PreparedQuery((p: { id: string }) => db.insertInto('items').values({ id: p.id, owner: 'cy', n: 0, note: null }));
    await expect(db.transaction().execute(async (trx) => {
      await add.executeChanges(trx, { id: 'd' });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await db.selectFrom('items').select('id').where('id', '=', 'd').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a call that leaves an argument out instead of binding nothing', async () => {
    await expect(byOwner.execute(db, { owner: 'ann' } as { owner: string; min: number })).rejects.toThrow('argument "min" is missing');
  });
});
