import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { openTestDatabase, testBackend } from '../test-support/test-database.js';
import { migrateToLatest, openSqlite, type Db } from './database.js';
import { isPostgres } from './dialect.js';

/** Primary-key columns of a SQLite table: SQLite lets them hold null (unless integer), PostgreSQL never does. */
async function sqlitePrimaryKey(db: Db, table: string): Promise<Set<string>> {
  const rows = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db);
  return new Set(rows.rows.filter((r) => r.pk > 0).map((r) => r.name));
}

/** Tables, columns (name, nullability, default) and index names: what must not differ between the back-ends. */
async function shape(db: Db) {
  const columns = [];
  for (const t of await db.introspection.getTables()) {
    const key = isPostgres(db) ? new Set<string>() : await sqlitePrimaryKey(db, t.name);
    const nullable = (c: { name: string; isNullable: boolean }) => c.isNullable && !key.has(c.name);
    columns.push({
      table: t.name,
      columns: t.columns.map((c) => `${c.name}${nullable(c) ? '?' : ''}${c.hasDefaultValue || c.isAutoIncrementing ? '=' : ''}`).sort(),
    });
  }
  columns.sort((a, b) => a.table.localeCompare(b.table));
  const indexes = isPostgres(db)
    ? await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public' and tablename not like 'kysely_%'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%'`.execute(db);
  return { columns, indexes: indexes.rows.map((r) => r.name).filter((n) => !n.endsWith('_pkey') && !n.endsWith('_pk') && !n.endsWith('_key')).sort() };
}

describe.skipIf(testBackend() !== 'postgres')('the migrations on PostgreSQL', () => {
  it('make the schema they make on SQLite: same tables, columns, nullability, defaults and indexes', async () => {
    const dir = tempDir('atelier-parity-');
    const sqlite = openSqlite(`${dir}/atelier.db`);
    const pg = await openTestDatabase(dir);
    try {
      await migrateToLatest(sqlite);
      const expected = await shape(sqlite);
      expect(expected.columns.length).toBeGreaterThan(20);
      expect(await shape(pg.db)).toEqual(expected);
    } finally {
      await sqlite.destroy();
      await pg.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
