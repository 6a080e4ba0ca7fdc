import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL need different SQL. Everything else is written once, in the subset
 * both understand; a query that needs one of these asks the database it runs on (a Kysely or a transaction).
 */
export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export const isPostgres = (db: Kysely<any>): boolean => dialectOf(db) === 'postgres';

/** The larger of two values: SQLite's scalar max(a, b) is PostgreSQL's greatest(a, b) (its max is only an aggregate). */
export function greatest<T>(db: Kysely<any>, a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return isPostgres(db) ? sql<T>`greatest(${a}, ${b})` : sql<T>`max(${a}, ${b})`;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `text` matches the LIKE `pattern` (escaped with backslashes), ignoring the case of ASCII letters only, as
 * SQLite's LIKE does. PostgreSQL's LIKE is case-sensitive and its ILIKE folds every letter of the locale, so there
 * both sides are folded to ASCII lower case instead, and the two back-ends match exactly the same rows.
 */
export function likeIgnoringAsciiCase(db: Kysely<any>, text: Expression<string>, pattern: string): RawBuilder<boolean> {
  if (!isPostgres(db)) return sql<boolean>`${text} like ${pattern} escape '\\'`;
  const folded = pattern.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return sql<boolean>`translate(${text}, ${sql.lit(UPPER)}, ${sql.lit(LOWER)}) like ${folded} escape '\\'`;
}

/**
 * Locks the rows a subquery picks for the statement around it, skipping rows another transaction holds, so
 * concurrent takers (workers, processes) each get a different row at once instead of queueing on the same one.
 * On PostgreSQL only: SQLite runs one writer at a time, and has no FOR UPDATE.
 */
export function lockedSkippingOthers<QB extends SelectQueryBuilder<any, any, any>>(db: Kysely<any>, query: QB): QB {
  return isPostgres(db) ? (query.forUpdate().skipLocked() as QB) : query;
}

/**
 * For a transaction that reads and then writes on what it read (the first account becomes admin): makes
 * concurrent ones run one after another. SQLite already runs one transaction at a time on its one connection;
 * PostgreSQL's default isolation lets two see the same state, so the table is locked against other writers
 * (readers carry on) until the transaction ends.
 */
export async function serializeWritersOf(trx: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(trx)) await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(trx);
}

/** Like serializeWritersOf, for the transactions about one row only (one person's requests): locks that row. */
export async function serializeOnRow(trx: Kysely<any>, table: string, id: string, column = 'id'): Promise<void> {
  if (isPostgres(trx)) await sql`select 1 from ${sql.table(table)} where ${sql.ref(column)} = ${id} for update`.execute(trx);
}
