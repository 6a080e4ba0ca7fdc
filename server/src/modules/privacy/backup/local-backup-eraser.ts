import path from 'node:path';
import type { PersonalData } from '../../../lib/personal-data.js';
import { BACKUP_BLOBS, BACKUP_DB, listBackups } from './backup-folder.js';
import { OfflineStores } from './offline-stores.js';

/**
 * Part of the account purge: erases the person from every backup in the backup folder too (key row, blob
 * folder, rows), so even someone holding both a local backup and the master key cannot read them. Copies
 * taken elsewhere are covered by the restore's tombstone replay and by the destroyed key.
 */
export class LocalBackupEraser implements PersonalData {
  /** The backups' own tables are erased by the same modules, inside each backup. */
  readonly tables = [];

  constructor(private readonly backupDir: string) {}

  async eraseFor(userId: string): Promise<void> {
    const backups = listBackups(this.backupDir);
    for (const b of backups) {
      const stores = new OfflineStores(path.join(b.dir, BACKUP_DB), path.join(b.dir, BACKUP_BLOBS));
      try {
        await stores.erase([userId]);
      } finally {
        await stores.close();
      }
    }
  }
}
