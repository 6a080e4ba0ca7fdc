import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

/** Storage of wrapped data keys (table user_keys). The keyring never sees SQL. */
export interface UserKeyRepository {
  find(userId: string): Promise<Buffer | undefined>;
  /** Inserts unless the user already has a key; true when this call inserted. Never replaces a key. */
  insertIfAbsent(userId: string, wrappedKey: Buffer, createdAt: number): Promise<boolean>;
  /** Deletes the user's key; true when there was one. */
  delete(userId: string): Promise<boolean>;
}

export class KyselyUserKeyRepository implements UserKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(userId: string): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('user_keys')
      .select('wrapped_key')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? Buffer.from(row.wrapped_key) : undefined;
  }

  async insertIfAbsent(userId: string, wrappedKey: Buffer, createdAt: number): Promise<boolean> {
    const res = await this.db
      .insertInto('user_keys')
      .values({ user_id: userId, wrapped_key: wrappedKey, created_at: createdAt })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * Crypto-shredding depends on the wrapped key really leaving the database file, so the delete runs with
   * SQLite's secure_delete (freed content is overwritten with zeros, not left in free pages), then runs a
   * passive WAL checkpoint so the zeroed page reaches the main file soon. PASSIVE never waits for readers
   * (better-sqlite3 is synchronous: a blocking checkpoint would stall the event loop); frames still holding the
   * old page stay in the WAL file until SQLite reuses it.
   */
  async delete(userId: string): Promise<boolean> {
    if (isPostgres(this.db)) return this.deleteAndVacuum(userId);
    const before = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(this.db);
    const wasOn = Number(before.rows[0]?.secure_delete ?? 0) !== 0;
    if (!wasOn) await sql`pragma secure_delete = 1`.execute(this.db);
    let deleted: boolean;
    try {
      const res = await this.db.deleteFrom('user_keys').where('user_id', '=', userId).executeTakeFirst();
      deleted = Number(res.numDeletedRows) > 0;
    } finally {
      if (!wasOn) await sql`pragma secure_delete = 0`.execute(this.db);
    }
    if (deleted) {
      try {
        await sql`pragma wal_checkpoint(PASSIVE)`.execute(this.db);
      } catch {
        // Not in WAL mode, or inside a transaction: the next automatic checkpoint does it.
      }
    }
    return deleted;
  }

  /**
   * PostgreSQL has no secure_delete: a deleted row stays in its page until VACUUM removes it. The delete is
   * followed by a VACUUM of the table, so the dead row (and its index entry) is no longer reachable from any page;
   * its bytes may remain in the page's free space and in WAL segments until they are reused. VACUUM takes no lock
   * that blocks readers or writers, and cannot run in a transaction: it runs on a connection of its own.
   */
  private async deleteAndVacuum(userId: string): Promise<boolean> {
    const res = await this.db.deleteFrom('user_keys').where('user_id', '=', userId).executeTakeFirst();
    const deleted = Number(res.numDeletedRows) > 0;
    if (deleted && !this.db.isTransaction) await sql`vacuum user_keys`.execute(this.db);
    return deleted;
  }
}
