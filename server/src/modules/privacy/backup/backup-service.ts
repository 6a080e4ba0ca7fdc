import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Config } from '../../../config.js';
import { migrateToLatest, openDatabase, postgresAt, sqliteAt, type DatabaseLocation } from '../../../db/database.js';
import { compactWithoutResidue } from '../../../db/erase-residue.js';
import { databaseName, databaseUrl, otherConnections } from '../../../db/postgres-admin.js';
import type { Clock } from '../../../lib/clock.js';
import { hasTable, readSqliteFile } from '../../../db/sqlite-readonly.js';
import { MASTER_KEY_FILE } from '../../../storage/master-key.js';
import { KyselyUserKeyRepository } from '../../../storage/user-key.repository.js';
import { UserRepository } from '../../auth/repository.js';
import { DeletionRepository } from '../deletion/repository.js';
import { TombstoneLog, type Tombstone } from '../deletion/tombstone-log.js';
import {
  BACKUP_BLOBS, BACKUP_DB, BACKUP_MANIFEST, BACKUP_PG_DUMP, backupName, readManifest, rotateBackups,
  type BackupInfo, type BackupManifest,
} from './backup-folder.js';
import { copyTree } from './copy-tree.js';
import { OfflineStores } from './offline-stores.js';
import { dropDatabase, dumpDatabase, loadIntoNewDatabase, renameDatabase } from './postgres-dump.js';
import { assertDatabaseNotInUse, DatabaseInUseError, snapshotDatabase, sqliteFiles } from './sqlite-files.js';

export type BackupConfig = Pick<Config, 'dataDir' | 'databaseFile' | 'blobDir' | 'masterKey' | 'deployment'> & {
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
 * docs/adr/0004-deletion-and-backups.md. On PostgreSQL the snapshot is a pg_dump, and a restore loads it into a
 * new database beside the live one, which takes the live one's name once the tombstones are replayed in it.
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
    const url = this.config.deployment.databaseUrl;
    if (!url && !fs.existsSync(this.config.databaseFile)) throw new BackupError(`There is no database at ${this.config.databaseFile} to back up.`);
    const now = this.clock.now();
    const name = backupName(now);
    const dir = path.resolve(outDir, name);
    if (fs.existsSync(dir)) throw new BackupError(`${dir} already exists; wait a second and try again.`);
    const staging = path.resolve(outDir, `.tmp-${name}-${crypto.randomBytes(4).toString('hex')}`);
    await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
    try {
      const users = url ? await dumpPostgres(url, path.join(staging, BACKUP_PG_DUMP)) : await snapshotSqlite(this.config.databaseFile, path.join(staging, BACKUP_DB));
      const blobs = await copyTree(this.config.blobDir, path.join(staging, BACKUP_BLOBS));
      const manifest: BackupManifest = {
        format: 1, createdAt: new Date(now).toISOString(), users, blobFiles: blobs.files, blobBytes: blobs.bytes,
        masterKeyIncluded: false, database: url ? 'postgres' : 'sqlite',
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
    throw new BackupError(`No backup named ${JSON.stringify(nameOrDir)} in ${this.config.privacy.backupDir}, and it is not the path of a backup folder (one with ${BACKUP_MANIFEST} and ${BACKUP_DB} or ${BACKUP_PG_DUMP}).`);
  }

  /**
   * Replaces the data folder's database and blobs with the backup's (the server must be stopped). The copy is
   * staged beside the live data, brought to the current schema, and every person with a tombstone (in the
   * tombstone file, the live database or the backup) is erased from it before it replaces the live data.
   */
  async restore(nameOrDir: string): Promise<RestoreReport> {
    const backup = this.resolve(nameOrDir);
    const { dataDir } = this.config;
    if (!this.config.masterKey && !fs.existsSync(path.join(dataDir, MASTER_KEY_FILE))) {
      throw new BackupError(`The master key is not in place (${path.join(dataDir, MASTER_KEY_FILE)} or ATELIER_MASTER_KEY). Backups never contain it: put it back first, or the restored images cannot be decrypted.`);
    }
    const url = this.config.deployment.databaseUrl;
    const backupIsPostgres = backup.manifest.database === 'postgres';
    if (Boolean(url) !== backupIsPostgres) {
      throw new BackupError(`${backup.dir} holds a ${backupIsPostgres ? 'PostgreSQL' : 'SQLite'} database, but this server uses ${url ? 'PostgreSQL' : 'SQLite'}: restore it with the configuration it was made with.`);
    }
    return url ? this.restorePostgres(backup, url) : this.restoreSqlite(backup);
  }

  private async restoreSqlite(backup: BackupInfo): Promise<RestoreReport> {
    const { databaseFile } = this.config;
    assertDatabaseNotInUse(databaseFile);
    return this.staged(async (staging) => {
      const stagedDb = path.join(staging, BACKUP_DB);
      await fsp.copyFile(path.join(backup.dir, BACKUP_DB), stagedDb);
      const stagedBlobs = await this.stageBlobs(backup, staging);
      const replayed = await this.replayTombstones(sqliteAt(stagedDb), stagedBlobs, await readTombstoneTable(databaseFile));
      await this.swapIn(staging, async (previous) => {
        for (const f of sqliteFiles(databaseFile)) await fsp.rename(f, path.join(previous, path.basename(f))).catch(ignoreMissing);
        await fsp.rename(stagedDb, databaseFile);
      });
      return { from: backup.dir, createdAt: backup.manifest.createdAt, replayedTombstones: replayed };
    });
  }

  /**
   * The dump is loaded into a new database beside the live one, tombstones are replayed there, and only then
   * does it take the live database's name (the live one is renamed aside and dropped once the swap is done).
   */
  private async restorePostgres(backup: BackupInfo, url: string): Promise<RestoreReport> {
    await assertPostgresNotInUse(url);
    const tombstones = await readPostgresTombstones(url);
    return this.staged(async (staging) => {
      const stagedBlobs = await this.stageBlobs(backup, staging);
      const stagedUrl = await loadIntoNewDatabase(url, path.join(backup.dir, BACKUP_PG_DUMP), 'restore');
      let swapped = false;
      try {
        const replayed = await this.replayTombstones(postgresAt(stagedUrl), stagedBlobs, tombstones);
        await assertPostgresNotInUse(url);
        const liveName = databaseName(url);
        const previousName = `${databaseName(stagedUrl)}_previous`;
        await this.swapIn(staging, async () => {
          await renameDatabase(url, previousName);
          await renameDatabase(stagedUrl, liveName);
          swapped = true;
        }, `the database ${previousName}`);
        await dropDatabase(databaseUrl(url, previousName));
        return { from: backup.dir, createdAt: backup.manifest.createdAt, replayedTombstones: replayed };
      } finally {
        if (!swapped) await dropDatabase(stagedUrl);
      }
    });
  }

  /** Runs `work` with a staging folder in the data folder, removed afterwards unless the swap stopped half-way. */
  private async staged<T>(work: (staging: string) => Promise<T>): Promise<T> {
    const staging = path.join(this.config.dataDir, `.restore-${crypto.randomBytes(6).toString('hex')}`);
    await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
    let keepStaging = false;
    try {
      return await work(staging);
    } catch (err) {
      if (err instanceof SwapError) keepStaging = true;
      throw err;
    } finally {
      if (!keepStaging) await fsp.rm(staging, { recursive: true, force: true });
    }
  }

  private async stageBlobs(backup: BackupInfo, staging: string): Promise<string> {
    const stagedBlobs = path.join(staging, BACKUP_BLOBS);
    await copyTree(path.join(backup.dir, BACKUP_BLOBS), stagedBlobs);
    return stagedBlobs;
  }

  /** Erases, from the staged copy, everyone with a tombstone (in the tombstone file, the live database or the backup). */
  private async replayTombstones(staged: DatabaseLocation, stagedBlobs: string, live: Tombstone[]): Promise<number> {
    const log = new TombstoneLog(this.config.dataDir);
    const tombstones = mergeTombstones(log.readAll(), live);
    const replayed = await replayInto(staged, stagedBlobs, tombstones);
    const known = new Set(log.readAll().map((t) => t.userId));
    for (const t of tombstones) if (!known.has(t.userId)) await log.append(t);
    return replayed;
  }

  /**
   * Live data out (into staging/previous), staged data in: `swapDatabase` moves the database, the blobs follow.
   * `previousDatabase` says where the live database went when it is not a file in staging/previous.
   */
  private async swapIn(staging: string, swapDatabase: (previous: string) => Promise<void>, previousDatabase?: string): Promise<void> {
    const previous = path.join(staging, 'previous');
    try {
      await fsp.mkdir(previous, { mode: 0o700 });
      await swapDatabase(previous);
      await fsp.rename(this.config.blobDir, path.join(previous, 'blobs')).catch(ignoreMissing);
      await fsp.rename(path.join(staging, BACKUP_BLOBS), this.config.blobDir);
    } catch (err) {
      const where = previousDatabase ? `${previous} and ${previousDatabase}` : previous;
      throw new SwapError(`Restore stopped while swapping files: ${(err as Error).message}. The previous data is in ${where}; move it back by hand.`);
    }
  }
}

class SwapError extends BackupError {}

/** The snapshot of a SQLite database; returns its number of accounts. */
async function snapshotSqlite(dbFile: string, dest: string): Promise<number> {
  snapshotDatabase(dbFile, dest);
  return readSqliteFile(dest, (db) => new UserRepository(db).count());
}

/** The dump of a PostgreSQL database; returns its number of accounts (counted just before the dump). */
async function dumpPostgres(url: string, dest: string): Promise<number> {
  const db = openDatabase(postgresAt(url));
  let users: number;
  try {
    users = await new UserRepository(db).count();
  } finally {
    await db.destroy();
  }
  await dumpDatabase(url, dest);
  await fsp.chmod(dest, 0o600);
  return users;
}

/** A running server keeps connections open: a restore under it would be overwritten, or fail half-way. */
async function assertPostgresNotInUse(url: string): Promise<void> {
  const others = await otherConnections(url);
  if (others > 0) {
    throw new DatabaseInUseError(`The database ${databaseName(url)} has ${others} other connection${others === 1 ? '' : 's'}. Stop the Atelier server (and any other atelier command) first, then restore.`);
  }
}

async function readPostgresTombstones(url: string): Promise<Tombstone[]> {
  const db = openDatabase(postgresAt(url));
  try {
    return await new DeletionRepository(db).listTombstones();
  } catch {
    return []; // a database that was never migrated has no tombstones
  } finally {
    await db.destroy();
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
async function replayInto(database: DatabaseLocation, blobDir: string, tombstones: Tombstone[]): Promise<number> {
  const stores = new OfflineStores(database, blobDir);
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

function ignoreMissing(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
}
