import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely';

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

/**
 * `text` contains `pattern` (a LIKE pattern escaped with backslashes), ignoring case. SQLite's LIKE ignores the
 * case of ASCII letters; PostgreSQL's LIKE is case-sensitive and ILIKE is its case-insensitive twin.
 */
export function likeIgnoringCase(db: Kysely<any>, text: Expression<string>, pattern: string): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`${text} ilike ${pattern} escape '\\'` : sql<boolean>`${text} like ${pattern} escape '\\'`;
}

