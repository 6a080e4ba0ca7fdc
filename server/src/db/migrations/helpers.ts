import type { ColumnDataType, CreateTableBuilder, Kysely, Transaction } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Column types that SQLite and PostgreSQL spell differently; migrations name these and write everything else once.
 * SQLite's `real` is an 8-byte float and its `integer` 8 bytes; PostgreSQL's `real` is 4 bytes, so floats are
 * `double precision` there (the queue's fair keys need all 8).
 */
export const columnType = (db: Kysely<any>) => ({
  blob: (isPostgres(db) ? 'bytea' : 'blob') as ColumnDataType,
  float: (isPostgres(db) ? 'double precision' : 'real') as ColumnDataType,
});

/** An `id` primary key numbered by the database: SQLite's integer autoincrement, PostgreSQL's identity column. */
export function addAutoIncrementId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Runs `fn` in one transaction. The migrator already runs each migration in a transaction where DDL is
 * transactional (PostgreSQL), and a transaction cannot be nested; on SQLite it runs none, so one is opened here.
 */
export async function inTransaction(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return fn(db);
  await db.transaction().execute((trx: Transaction<any>) => fn(trx));
}
