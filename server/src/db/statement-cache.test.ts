import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { testBackend } from '../test-support/test-database.js';
import { StatementCache } from './statement-cache.js';

let dir: string;
let connection: SQLite.Database;

beforeEach(() => {
  dir = tempDir('atelier-stmt-');
  connection = new SQLite(path.join(dir, 'cache.db'));
  connection.exec('create table t (id integer primary key, name text)');
});

afterEach(() => {
  if (connection.open) connection.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Internals of the SQLite back-end: the server-pg project has nothing of them to test.
describe.skipIf(testBackend() !== 'sqlite')('StatementCache (SQLite only)', () => {
  it('hands out the same prepared statement for the same SQL text', () => {
    const cache = new StatementCache(connection);
    const a = cache.prepare('select * from t where id = ?');
    expect(cache.prepare('select * from t where id = ?')).toBe(a);
    expect(cache.prepare('select * from t where name = ?')).not.toBe(a);
    expect(cache.size).toBe(2);
  });

  it('drops the least recently used statement when full', () => {
    const cache = new StatementCache(connection, 2);
    const first = cache.prepare('select 1');
    const second = cache.prepare('select 2');
    expect(cache.prepare('select 1')).toBe(first); // now the most recently used
    cache.prepare('select 3');
    expect(cache.size).toBe(2);
    expect(cache.prepare('select 1')).toBe(first);
    expect(cache.prepare('select 2')).not.toBe(second);
  });

  it('keeps returning correct rows after the schema changed under a cached statement', () => {
    const cache = new StatementCache(connection);
    cache.prepare('insert into t (id, name) values (?, ?)').run([1, 'a']);
    const select = cache.prepare('select * from t');
    expect(select.all([])).toEqual([{ id: 1, name: 'a' }]);
    connection.exec("alter table t add column colour text not null default 'red'");
    expect(cache.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'a', colour: 'red' }]);
  });

  it('closes the connection it wraps', () => {
    const cache = new StatementCache(connection);
    cache.prepare('select 1');
    cache.close();
    expect(connection.open).toBe(false);
    expect(cache.size).toBe(0);
  });
});
