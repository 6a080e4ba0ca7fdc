import crypto from 'node:crypto';
import { openDatabase, type DatabaseLocation, type Db } from '../../../db/database.js';
import { FsBlobStore } from '../../../storage/fs-blob-store.js';
import { Keyring } from '../../../storage/keyring.js';
import { KyselyUserKeyRepository } from '../../../storage/user-key.repository.js';
import { eraseUser } from '../deletion/erase-user.js';

/**
 * A database and blob folder that are not the live ones (a backup, a restore being staged), opened only to
 * erase people from them. Destroying a key and deleting a blob folder need no master key, so the keyring here
 * gets a throwaway one: it never unwraps, encrypts or decrypts anything.
 */
export class OfflineStores {
  readonly db: Db;
  private readonly keyring: Keyring;
  private readonly blobs: FsBlobStore;

  constructor(database: DatabaseLocation, blobDir: string) {
    this.db = openDatabase(database);
    this.keyring = new Keyring(crypto.randomBytes(32), new KyselyUserKeyRepository(this.db));
    this.blobs = new FsBlobStore(blobDir, this.keyring);
  }

  /** Erases each person still present: key row, blob folder, every row. */
  async erase(userIds: Iterable<string>): Promise<void> {
    for (const id of userIds) await eraseUser({ db: this.db, keyring: this.keyring, blobs: this.blobs }, id);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
