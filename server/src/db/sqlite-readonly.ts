import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/**
 * Runs `read` on a SQLite file opened read-only (a backup's snapshot, a database not in use), so the modules'
 * repositories can read it without changing a byte of it (no WAL switch, no migration). Closed afterwards.
 */
export async function readSqliteFile<T>(file: string, read: (db: Db) => Promise<T>): Promise<T> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(file, { readonly: true, fileMustExist: true }) }) });
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

/** Whether the database has this table (an old one may predate a migration). */
export async function hasTable(db: Db, name: string): Promise<boolean> {
  return (await db.introspection.getTables()).some((t) => t.name === name);
}
