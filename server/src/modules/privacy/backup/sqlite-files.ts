import fs from 'node:fs';
import SQLite from 'better-sqlite3';

/** The database file and the files SQLite keeps beside it. */
export const sqliteFiles = (dbFile: string) => [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];

/**
 * A consistent copy of a live database with VACUUM INTO: one read transaction (writers carry on meanwhile in
 * WAL mode), and the copy is compacted, so freed pages of the source are not carried into the backup.
 */
export function snapshotDatabase(dbFile: string, destFile: string): void {
  const db = new SQLite(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(destFile);
    fs.chmodSync(destFile, 0o600);
  } finally {
    db.close();
  }
}

export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
}

/**
 * Refuses when another process has the database open (a running server holds it open all the time): an
 * exclusive lock is taken without waiting, then released. A database that does not exist is not in use.
 */
export function assertDatabaseNotInUse(dbFile: string): void {
  if (!fs.existsSync(dbFile)) return;
  const db = new SQLite(dbFile, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DatabaseInUseError(`${dbFile} is in use by another process. Stop the Atelier server (and any other atelier command) first, then restore.`);
    }
    throw err;
  } finally {
    db.close();
  }
}
