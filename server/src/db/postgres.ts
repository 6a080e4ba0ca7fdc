import pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Database } from './schema.js';

/** pg's own default: enough for one process's requests and workers (each holds a connection only per statement). */
export const DEFAULT_POOL_SIZE = 10;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Rows come back as SQLite gives them: bigint (epoch-ms times, count(*), sum of integers) and numeric (sums of
 * bigints) as JS numbers, not strings. Every value the app stores fits a double exactly.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** A pool of at most `poolSize` connections to the database at `url`. */
export function openPostgres(url: string, poolSize = DEFAULT_POOL_SIZE): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, types, max: poolSize });
  // An idle connection the server dropped (a restart, a terminated backend) is discarded by the pool; without a
  // listener its 'error' event would end the process. The next query opens a new connection.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withoutNulCharacters(pool) }) });
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite's can): a parameter carrying one would fail the whole statement, so
 * a look-up by an id or email a client sent with a NUL in it would answer 500 instead of "not found". Such
 * characters are sent as U+FFFD, the character for "not representable", which no id or email ever contains.
 */
function withoutNulCharacters(pool: pg.Pool): PostgresPool {
  const clean = (value: unknown) => (typeof value === 'string' && value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value);
  return {
    async connect() {
      const client = await pool.connect();
      const query = (text: any, parameters?: ReadonlyArray<unknown>) =>
        typeof text === 'string' ? client.query(text, parameters?.map(clean)) : client.query(text);
      return { query, release: () => client.release() } as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}
