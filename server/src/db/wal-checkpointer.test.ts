import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { testBackend } from '../test-support/test-database.js';
import { WalCheckpointer } from './wal-checkpointer.js';

let dir: string;
let file: string;
let connection: SQLite.Database;

beforeEach(() => {
  dir = tempDir('atelier-ckpt-');
  file = path.join(dir, 'w.db');
  connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  // The app's connection never checkpoints here: whatever reaches the main file was copied by the checkpointer.
  connection.pragma('wal_autocheckpoint = 0');
  connection.exec('create table t (id integer primary key, body blob not null)');
});

afterEach(() => {
  if (connection.open) connection.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const writeMiB = (mib: number) => {
  const insert = connection.prepare('insert into t (body) values (?)');
  connection.transaction(() => {
    for (let i = 0; i < mib * 16; i++) insert.run(Buffer.alloc(64 * 1024, i % 251));
  })();
};

async function until(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 20))) {
    if (check()) return true;
  }
  return check();
}

// Internals of the SQLite back-end: the server-pg project has nothing of them to test.
describe.skipIf(testBackend() !== 'sqlite')('WalCheckpointer (SQLite only)', () => {
  it('copies committed pages from the write-ahead log into the database file from its own thread', async () => {
    const checkpointer = new WalCheckpointer(file, 20);
    try {
      writeMiB(2);
      expect(fs.statSync(file).size).toBeLessThan(1024 * 1024); // still only in the log
      expect(await until(() => fs.statSync(file).size >= 2 * 1024 * 1024)).toBe(true);
      expect(connection.prepare('select count(*) as n from t').get()).toEqual({ n: 32 });
    } finally {
      await checkpointer.stop();
    }
  });

  it('has closed its connection when stopSync returns, so the app\'s connection closes last and removes the log', async () => {
    const checkpointer = new WalCheckpointer(file, 60_000);
    writeMiB(1);
    checkpointer.stopSync();
    connection.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);
    await checkpointer.stop(); // stopping again is harmless, and the thread ends
  });
});
