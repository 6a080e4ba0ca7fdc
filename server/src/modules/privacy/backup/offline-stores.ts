import crypto from 'node:crypto';
import { openDatabase, type DatabaseLocation, type Db } from '../../../db/database.js';
import { systemClock } from '../../../lib/clock.js';
import type { PersonalData } from '../../../lib/personal-data.js';
import { personalDataSources } from '../../../personal-data.js';
import { EmbeddedJobQueue } from '../../../queue/embedded-queue.js';
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
  private readonly erasureOrder: readonly PersonalData[];

  constructor(database: DatabaseLocation, blobDir: string) {
    this.db = openDatabase(database);
    const keyring = new Keyring(crypto.randomBytes(32), new KyselyUserKeyRepository(this.db));
    // Never started: it only forgets the jobs of the people erased from this copy.
    const queue = new EmbeddedJobQueue(this.db, systemClock, { leaseMs: 60_000, maxAttempts: 1 });
    this.erasureOrder = personalDataSources({ db: this.db, keyring, blobs: new FsBlobStore(blobDir, keyring), queue }).erasureOrder;
  }

  /** Erases each person still present: key row, blob folder, every row, as the account purge does. */
  async erase(userIds: Iterable<string>): Promise<void> {
    for (const id of userIds) await eraseUser(this.db, this.erasureOrder, id);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
