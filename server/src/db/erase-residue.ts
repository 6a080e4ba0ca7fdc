import { sql } from 'kysely';
import type { Db } from './database.js';
import { isPostgres } from './dialect.js';

/**
 * Runs `erase` (the deletes of a person's data) so that nothing of what it deletes stays in the database's files.
 * On SQLite: freed content is zeroed (secure_delete; openSqlite turns it on for every connection, this makes sure
 * for connections opened otherwise), and afterwards the write-ahead log is checkpointed and truncated, so old
 * frames holding the rows do not stay in the -wal file. The one place erasure depends on the database engine.
 */
export async function eraseWithoutResidue(db: Db, erase: () => Promise<void>): Promise<void> {
  if (isPostgres(db)) {
    // PostgreSQL keeps a deleted row in its page until VACUUM removes it; afterwards the row is unreachable and
    // its space is reused (ADR 0010 says what stays until then). VACUUM takes no lock that blocks readers or writers.
    await erase();
    await sql`vacuum`.execute(db);
    return;
  }
  await sql`pragma secure_delete = ON`.execute(db);
  await erase();
  await emptyWal(db);
}

/**
 * After people were erased from a copy that is not in use (a restore being staged): rebuilds it (VACUUM), so no
 * free page holds what was erased, and empties its write-ahead log.
 */
export async function compactWithoutResidue(db: Db): Promise<void> {
  if (isPostgres(db)) {
    // A copy nobody uses can afford VACUUM FULL: every table is rewritten into new files without the erased rows.
    await sql`vacuum full`.execute(db);
    return;
  }
  await sql`vacuum`.execute(db);
  await emptyWal(db);
}

const EMPTY_WAL_ATTEMPTS = 100;
const EMPTY_WAL_PAUSE_MS = 20;

/**
 * Checkpoints until the -wal file is empty. The background checkpointer (WalCheckpointer) or a reader on another
 * connection can make one TRUNCATE answer busy; the frames holding erased rows would then stay in the log until
 * SQLite happened to reuse it, so erasure tries again after a short pause (the event loop runs meanwhile).
 */
async function emptyWal(db: Db): Promise<boolean> {
  for (let attempt = 1; attempt <= EMPTY_WAL_ATTEMPTS; attempt++) {
    if (await checkpointWal(db)) return true;
    await new Promise((resolve) => setTimeout(resolve, EMPTY_WAL_PAUSE_MS));
  }
  return false; // the erased rows are gone from every table; only old log frames wait for the next checkpoint
}

/**
 * TRUNCATE copies the WAL into the database and empties the -wal file. False when another connection kept it
 * from finishing (a reader, or a checkpoint of its own); true also when there is no log to empty.
 */
async function checkpointWal(db: Db): Promise<boolean> {
  try {
    const r = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return Number(r.rows[0]?.busy ?? 0) === 0;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return !code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED');
  }
}
