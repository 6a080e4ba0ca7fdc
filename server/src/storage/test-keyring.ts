import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../db/database.js';
import { tempDir } from '../test-support/temp-dir.js';
import { openTestDatabase } from '../test-support/test-database.js';
import { Keyring } from './keyring.js';
import { KyselyUserKeyRepository } from './user-key.repository.js';

export interface TestKeyring {
  /** A fresh temp folder holding the database; stores may put their own files in it. */
  dir: string;
  db: Db;
  masterKey: Buffer;
  keyring: Keyring;
  close(): Promise<void>;
}

/** A real keyring over a real, migrated test database (SQLite in a temp folder, or PostgreSQL), for blob store tests. */
export async function openTestKeyring(prefix: string): Promise<TestKeyring> {
  const dir = tempDir(prefix);
  const { db, close: closeDatabase } = await openTestDatabase(dir);
  const masterKey = crypto.randomBytes(32);
  return {
    dir,
    db,
    masterKey,
    keyring: new Keyring(masterKey, new KyselyUserKeyRepository(db)),
    async close() {
      await closeDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
