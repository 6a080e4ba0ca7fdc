import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { openTestDatabase } from '../test-support/test-database.js';
import { greatest, likeIgnoringAsciiCase } from './dialect.js';

interface T {
  texts: { id: number; body: string; a: number; b: number };
}

let dir: string;
let db: Kysely<T>;
let close: () => Promise<void>;

beforeAll(async () => {
  dir = tempDir('atelier-dialect-');
  const opened = await openTestDatabase(dir);
  db = opened.db as unknown as Kysely<T>;
  close = opened.close;
  await sql`create table texts (id integer primary key, body text not null, a double precision not null, b double precision not null)`.execute(db);
  await db.insertInto('texts').values([
    { id: 1, body: 'A Lighthouse at dusk', a: 1.25, b: 0.5 },
    { id: 2, body: 'lighthouse, LIGHTHOUSE', a: -3, b: 7.000000000000001 },
    { id: 3, body: 'ÉCLAIR and éclair', a: 2, b: 2 },
    { id: 4, body: '100% sure_thing', a: 0, b: 0 },
  ]).execute();
});

afterAll(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const matching = async (pattern: string) =>
  (await db.selectFrom('texts').select('id').where(likeIgnoringAsciiCase(db, sql.ref('body'), pattern)).orderBy('id').execute()).map((r) => r.id);

describe('the SQL both back-ends share', () => {
  it('matches LIKE patterns ignoring the case of ASCII letters only, as SQLite does', async () => {
    expect(await matching('%lighthouse%')).toEqual([1, 2]);
    expect(await matching('%LightHouse AT%')).toEqual([1]);
    // Only ASCII letters fold: 'é' and 'É' stay different letters on both back-ends.
    expect(await matching('%éclair%')).toEqual([3]);
    expect(await matching('ÉCLAIR%')).toEqual([3]);
    expect(await matching('%Éclair and É%')).toEqual([]);
    // Escaped wildcards match themselves.
    expect(await matching('%100\\%%')).toEqual([4]);
    expect(await matching('%e\\_t%')).toEqual([4]);
    expect(await matching('%1_0\\%%')).toEqual([4]);
    expect(await matching('%e\\_x%')).toEqual([]);
  });

  it('takes the larger of two values row by row, keeping doubles exact', async () => {
    const rows = await db.selectFrom('texts').select(['id', greatest(db, sql.ref<number>('a'), sql.ref<number>('b')).as('top')]).orderBy('id').execute();
    expect(rows.map((r) => r.top)).toEqual([1.25, 7.000000000000001, 2, 0]);
  });
});
