/** Statements about whole PostgreSQL databases (create, drop, rename, who is connected), outside any pool. */
import pg from 'pg';

/** Runs one statement on a short-lived connection to `url` (CREATE/DROP DATABASE cannot share a transaction). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced by `database`. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Drops every database whose name starts with `prefix`, closing its connections first. */
export async function dropDatabasesStartingWith(adminUrl: string, prefix: string): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(adminUrl, 'select datname from pg_database where starts_with(datname, $1)', [prefix]);
  for (const { datname } of rows) await adminQuery(adminUrl, `drop database if exists ${quoteIdent(datname)} with (force)`);
}

/** The name of the database a URL points at. */
export const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));

/** The same server's maintenance database, from which a database can be created, renamed or dropped. */
export const maintenanceUrl = (url: string): string => databaseUrl(url, 'postgres');

/** Sessions connected to the database other than this one. */
export async function otherConnections(url: string): Promise<number> {
  const rows = await adminQuery<{ n: number }>(url,
    'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  return rows[0]?.n ?? 0;
}
