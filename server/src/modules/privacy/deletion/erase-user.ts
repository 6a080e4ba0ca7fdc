import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { BlobStore } from '../../../storage/blob-store.js';
import type { Keyring } from '../../../storage/keyring.js';

/** Something else that keeps data of a person outside the tables swept here (export files, outbox). */
export interface UserPurgeHook {
  purgeUser(userId: string): Promise<unknown>;
}

/** Tables that outlive the person on purpose: the tombstone is the record that they were deleted. */
const KEPT_TABLES = new Set(['deletion_tombstones']);

/** Every blob of a user lives under this prefix (see blobKeys in modules/assets/service.ts). */
export const userBlobPrefix = (userId: string) => `u/${userId}`;

/**
 * Tables with a user_id column, found from the schema itself so that tables added later are swept too, even
 * those without a cascading foreign key (jobs, queue_state, audit_events).
 */
export async function tablesWithUserId(db: Db): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  const out: string[] = [];
  for (const { name } of tables.rows) {
    if (KEPT_TABLES.has(name)) continue;
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
    if (cols.rows.some((c) => c.name === 'user_id')) out.push(name);
  }
  return out;
}

/**
 * Deletes every row of the person: rows carrying their user_id in any table, then the user row (whose foreign
 * keys cascade to the rest). Connections from openSqlite run with secure_delete, so freed space is zeroed;
 * the WAL is checkpointed afterwards so old frames holding the rows are not left in the -wal file.
 */
export async function eraseUserRows(db: Db, userId: string): Promise<void> {
  const tables = await tablesWithUserId(db);
  await db.transaction().execute(async (trx) => {
    for (const table of tables) await sql`delete from ${sql.table(table)} where user_id = ${userId}`.execute(trx);
    await trx.deleteFrom('users').where('id', '=', userId).execute();
  });
  await checkpointWal(db);
}

/**
 * Removes everything of a person: the data key first (crypto-shredding: from then on every copy of their blobs,
 * in backups too, is unreadable), then the hooks' data, the blobs and the rows. Safe to run again after a
 * crash half-way: each step is a no-op once done.
 */
export async function eraseUser(
  deps: { db: Db; keyring: Pick<Keyring, 'destroy'>; blobs: Pick<BlobStore, 'deletePrefix'> },
  userId: string,
  hooks: readonly (UserPurgeHook | undefined)[] = [],
): Promise<void> {
  await deps.keyring.destroy(userId);
  for (const hook of hooks) await hook?.purgeUser(userId);
  await deps.blobs.deletePrefix(userBlobPrefix(userId));
  await eraseUserRows(deps.db, userId);
}

/** TRUNCATE copies the WAL into the database and empties the -wal file; a busy reader only delays it. */
export async function checkpointWal(db: Db): Promise<boolean> {
  try {
    const r = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return Number(r.rows[0]?.busy ?? 0) === 0;
  } catch {
    return false; // not in WAL mode: nothing to do
  }
}
