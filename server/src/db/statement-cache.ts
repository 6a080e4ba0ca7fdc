import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every statement shape the app runs; `in (…)` lists of varying length add a few more. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 as Kysely's SqliteDialect sees it, with prepared statements kept by SQL text (least recently used
 * dropped first). Kysely's driver calls `prepare(sql)` for every query, and compiling a statement costs more than
 * running it for the small queries of the hot path.
 *
 * Sharing a statement is safe because Kysely runs one query at a time on its single connection (a mutex), and
 * SQLite re-prepares a cached statement by itself when a migration changed the schema under it.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly connection: SqliteConnection,
    private readonly capacity = DEFAULT_STATEMENT_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.statements.size;
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.statements.get(sql);
    if (cached) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const stmt = this.connection.prepare(sql);
    this.statements.set(sql, stmt);
    if (this.statements.size > this.capacity) {
      const oldest = this.statements.keys().next().value as string;
      this.statements.delete(oldest);
    }
    return stmt;
  }

  close(): void {
    this.statements.clear();
    this.connection.close();
  }
}
