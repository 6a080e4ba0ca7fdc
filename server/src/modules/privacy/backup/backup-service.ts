import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Config } from '../../../config.js';
import { migrateToLatest } from '../../../db/database.js';
import type { Clock } from '../../../lib/clock.js';
import { MASTER_KEY_FILE } from '../../../storage/master-key.js';
import { compactWithoutResidue } from '../../../db/erase-residue.js';
import { hasTable, readSqliteFile } from '../../../db/sqlite-readonly.js';
import { KyselyUserKeyRepository } from '../../../storage/user-key.repository.js';
import { UserRepository } from '../../auth/repository.js';
import { DeletionRepository } from '../deletion/repository.js';
import { TombstoneLog, type Tombstone } from '../deletion/tombstone-log.js';
import {
  BACKUP_BLOBS, BACKUP_DB, BACKUP_MANIFEST, backupName, readManifest, rotateBackups, type BackupInfo, type BackupManifest,
} from './backup-folder.js';
import { copyTree } from './copy-tree.js';
import { OfflineStores } from './offline-stores.js';
import { assertDatabaseNotInUse, snapshotDatabase, sqliteFiles } from './sqlite-files.js';

export type BackupConfig = Pick<Config, 'dataDir' | 'databaseFile' | 'blobDir' | 'masterKey'> & {
  privacy: Pick<Config['privacy'], 'backupDir' | 'backupKeepDays'>;
};

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface CreatedBackup extends BackupInfo {
  rotated: string[];
}

export interface RestoreReport {
  from: string;
  createdAt: string;
  /** People deleted after the backup was taken, erased again from the restored data. */
  replayedTombstones: number;
}

/**
 * Backups of the data folder: the database (a consistent snapshot, wrapped data keys included), the encrypted
 * blobs, a manifest. The master key is never copied. Restore replays deletion tombstones. See
 * docs/adr/0004-deletion-and-backups.md.
 */
export class BackupService {
  constructor(
    private readonly config: BackupConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Database first, then blobs: every blob the snapshot refers to exists when it is copied (blobs are written
   * before their rows and only removed by purges). Written under a temp name, renamed when complete.
   * Then backups in the backup folder older than ATELIER_BACKUP_KEEP_DAYS are removed.
   */
  async create(outDir = this.config.privacy.backupDir): Promise<CreatedBackup> {
    if (!fs.existsSync(this.config.databaseFile)) throw new BackupError(`There is no database at ${this.config.databaseFile} to back up.`);
    const now = this.clock.now();
    const name = backupName(now);
    const dir = path.resolve(outDir, name);
    if (fs.existsSync(dir)) throw new BackupError(`${dir} already exists; wait a second and try again.`);
    const staging = path.resolve(outDir, `.tmp-${name}-${crypto.randomBytes(4).toString('hex')}`);
    await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
    try {
      snapshotDatabase(this.config.databaseFile, path.join(staging, BACKUP_DB));
      const blobs = await copyTree(this.config.blobDir, path.join(staging, BACKUP_BLOBS));
      const manifest: BackupManifest = {
        format: 1, createdAt: new Date(now).toISOString(), users: await readSqliteFile(path.join(staging, BACKUP_DB), (db) => new UserRepository(db).count()),
        blobFiles: blobs.files, blobBytes: blobs.bytes, masterKeyIncluded: false,
      };
      await fsp.writeFile(path.join(staging, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      await fsp.rename(staging, dir);
      const rotated = await this.rotate();
      return { name, dir, manifest, rotated };
    } catch (err) {
      await fsp.rm(staging, { recursive: true, force: true });
      throw err;
    }
  }

  rotate(): Promise<string[]> {
    return rotateBackups(this.config.privacy.backupDir, this.config.privacy.backupKeepDays, this.clock.now());
  }

  /** A backup name in the backup folder, or the path of a backup folder. */
  resolve(nameOrDir: string): BackupInfo {
    const candidates = [path.resolve(this.config.privacy.backupDir, nameOrDir), path.resolve(nameOrDir)];
    for (const dir of candidates) {
      const manifest = readManifest(dir);
      if (manifest) return { name: path.basename(dir), dir, manifest };
    }
    throw new BackupError(`No backup named ${JSON.stringify(nameOrDir)} in ${this.config.privacy.backupDir}, and it is not the path of a backup folder (one with ${BACKUP_MANIFEST} and ${BACKUP_DB}).`);
  }

  /**
   * Replaces the data folder's database and blobs with the backup's (the server must be stopped). The copy is
   * staged beside the live data, brought to the current schema, and every person with a tombstone (in the
   * tombstone file, the live database or the backup) is erased from it before it replaces the live data.
   */
  async restore(nameOrDir: string): Promise<RestoreReport> {
    const backup = this.resolve(nameOrDir);
    const { dataDir, databaseFile, blobDir } = this.config;
    if (!this.config.masterKey && !fs.existsSync(path.join(dataDir, MASTER_KEY_FILE))) {
      throw new BackupError(`The master key is not in place (${path.join(dataDir, MASTER_KEY_FILE)} or ATELIER_MASTER_KEY). Backups never contain it: put it back first, or the restored images cannot be decrypted.`);
    }
    assertDatabaseNotInUse(databaseFile);

    const staging = path.join(dataDir, `.restore-${crypto.randomBytes(6).toString('hex')}`);
    const stagedDb = path.join(staging, BACKUP_DB);
    const stagedBlobs = path.join(staging, BACKUP_BLOBS);
    await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
    let keepStaging = false;
    try {
      await fsp.copyFile(path.join(backup.dir, BACKUP_DB), stagedDb);
      await copyTree(path.join(backup.dir, BACKUP_BLOBS), stagedBlobs);
      const log = new TombstoneLog(dataDir);
      const tombstones = mergeTombstones(log.readAll(), await readTombstoneTable(databaseFile));
      const replayed = await replayInto(stagedDb, stagedBlobs, tombstones);
      const known = new Set(log.readAll().map((t) => t.userId));
      for (const t of tombstones) if (!known.has(t.userId)) await log.append(t);
      try {
        await swapIn(staging, { databaseFile, blobDir });
      } catch (err) {
        keepStaging = true;
        throw new BackupError(`Restore stopped while swapping files: ${(err as Error).message}. The previous data is in ${path.join(staging, 'previous')}; move it back by hand.`);
      }
      return { from: backup.dir, createdAt: backup.manifest.createdAt, replayedTombstones: replayed };
    } finally {
      if (!keepStaging) await fsp.rm(staging, { recursive: true, force: true });
    }
  }
}

async function readTombstoneTable(dbFile: string): Promise<Tombstone[]> {
  if (!fs.existsSync(dbFile)) return [];
  return readSqliteFile(dbFile, async (db) => (await hasTable(db, 'deletion_tombstones') ? new DeletionRepository(db).listTombstones() : []));
}

function mergeTombstones(...lists: Tombstone[][]): Tombstone[] {
  const byId = new Map<string, Tombstone>();
  for (const t of lists.flat()) if (!byId.has(t.userId)) byId.set(t.userId, t);
  return [...byId.values()];
}

/**
 * Erases every tombstoned person still in the staged copy, records all tombstones in it, then compacts it
 * (VACUUM) so nothing of the erased rows survives in free pages. Returns how many people were found and erased.
 */
async function replayInto(dbFile: string, blobDir: string, tombstones: Tombstone[]): Promise<number> {
  const stores = new OfflineStores(dbFile, blobDir);
  try {
    await migrateToLatest(stores.db);
    const users = new UserRepository(stores.db);
    const keys = new KyselyUserKeyRepository(stores.db);
    const deletions = new DeletionRepository(stores.db);
    const all = mergeTombstones(tombstones, await deletions.listTombstones());
    const ids = all.map((t) => t.userId);
    let found = 0;
    for (const id of ids) if ((await users.findById(id)) || (await keys.find(id))) found += 1;
    await stores.erase(ids);
    for (const t of all) await deletions.insertTombstone(t.userId, t.deletedAt);
    await compactWithoutResidue(stores.db);
    return found;
  } finally {
    await stores.close();
  }
}

/** Live files out, staged files in; the old -wal/-shm must go too, or SQLite would replay them onto the restored file. */
async function swapIn(staging: string, live: { databaseFile: string; blobDir: string }): Promise<void> {
  const old = path.join(staging, 'previous');
  await fsp.mkdir(old, { mode: 0o700 });
  for (const f of sqliteFiles(live.databaseFile)) await fsp.rename(f, path.join(old, path.basename(f))).catch(ignoreMissing);
  await fsp.rename(live.blobDir, path.join(old, 'blobs')).catch(ignoreMissing);
  await fsp.rename(path.join(staging, BACKUP_DB), live.databaseFile);
  await fsp.rename(path.join(staging, BACKUP_BLOBS), live.blobDir);
}

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
