import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { testBackend } from '../test-support/test-database.js';
import { openSqlite, type Db } from './database.js';
import { eraseWithoutResidue } from './erase-residue.js';

const SECRET = 'a prompt that must not survive';

describe.skipIf(testBackend() !== 'sqlite')('eraseWithoutResidue (SQLite)', () => {
  let dir: string;
  let db: Db;
  let reader: SQLite.Database | undefined;
  afterEach(async () => {
    reader?.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('empties the write-ahead log even when another connection keeps the first checkpoint from finishing', async () => {
    dir = tempDir('atelier-erase-');
    const file = path.join(dir, 'e.db');
    db = openSqlite(file);
    // Short waits inside SQLite, so the busy checkpoint answers quickly and erasure has to try again.
    await sql`pragma busy_timeout = 50`.execute(db);
    await sql`create table notes (body text not null)`.execute(db);
    await sql`insert into notes (body) values (${SECRET})`.execute(db);

    // Another connection reads a snapshot that still holds the row; it finishes a moment later.
    reader = new SQLite(file);
    reader.exec('begin');
    reader.prepare('select count(*) from notes').get();
    setTimeout(() => reader?.exec('commit'), 300);

    await eraseWithoutResidue(db, async () => {
      await sql`delete from notes`.execute(db);
    });

    const wal = `${file}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    expect(fs.readFileSync(file).includes(Buffer.from(SECRET))).toBe(false);
  });
});
