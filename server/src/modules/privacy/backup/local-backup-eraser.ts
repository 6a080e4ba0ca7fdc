import fs from 'node:fs';
import path from 'node:path';
import { postgresAt, sqliteAt } from '../../../db/database.js';
import type { PersonalData } from '../../../lib/personal-data.js';
import { BACKUP_BLOBS, BACKUP_DB, BACKUP_PG_DUMP, listBackups, type BackupInfo } from './backup-folder.js';
import { OfflineStores } from './offline-stores.js';
import { dropDatabase, dumpDatabase, loadIntoNewDatabase } from './postgres-dump.js';

/**
 * Part of the account purge: erases the person from every backup in the backup folder too (key row, blob
 * folder, rows), so even someone holding both a local backup and the master key cannot read them. Copies
 * taken elsewhere are covered by the restore's tombstone replay and by the destroyed key.
 *
 * A PostgreSQL backup is a dump: it is loaded into a scratch database beside the live one (`databaseUrl`), the
 * person is erased there, and the dump is written again from it.
 */
export class LocalBackupEraser implements PersonalData {
  /** The backups' own tables are erased by the same modules, inside each backup. */
  readonly tables = [];

  constructor(private readonly backupDir: string, private readonly databaseUrl?: string) {}

  async eraseFor(userId: string): Promise<void> {
    for (const b of listBackups(this.backupDir)) {
      if (b.manifest.database === 'postgres') await this.eraseFromDump(b, userId);
      else await erase(new OfflineStores(sqliteAt(path.join(b.dir, BACKUP_DB)), path.join(b.dir, BACKUP_BLOBS)), userId);
    }
  }

  private async eraseFromDump(b: BackupInfo, userId: string): Promise<void> {
    if (!this.databaseUrl) throw new Error(`${b.dir} holds a PostgreSQL dump, but this server has no PostgreSQL to erase it with`);
    const dump = path.join(b.dir, BACKUP_PG_DUMP);
    const scratch = await loadIntoNewDatabase(this.databaseUrl, dump, 'erase');
    try {
      await erase(new OfflineStores(postgresAt(scratch), path.join(b.dir, BACKUP_BLOBS)), userId);
      const rewritten = `${dump}.tmp`;
      await dumpDatabase(scratch, rewritten);
      fs.chmodSync(rewritten, 0o600);
      fs.renameSync(rewritten, dump);
    } finally {
      await dropDatabase(scratch);
    }
  }
}

async function erase(stores: OfflineStores, userId: string): Promise<void> {
  try {
    await stores.erase([userId]);
  } finally {
    await stores.close();
  }
}
