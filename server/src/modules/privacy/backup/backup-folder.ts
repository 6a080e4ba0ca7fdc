import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { DAY_MS } from '../../../lib/clock.js';

/**
 * A backup is a folder: the database (atelier.db, a consistent SQLite snapshot, or database.sql, a PostgreSQL
 * dump), blobs/ (still encrypted), manifest.json.
 */
export const BACKUP_PREFIX = 'atelier-backup-';
export const BACKUP_DB = 'atelier.db';
export const BACKUP_PG_DUMP = 'database.sql';
export const BACKUP_BLOBS = 'blobs';
export const BACKUP_MANIFEST = 'manifest.json';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  users: number;
  blobFiles: number;
  blobBytes: number;
  /** Always false: the master key that unwraps the users' data keys is never part of a backup. */
  masterKeyIncluded: false;
  /** The back-end the database part comes from; absent in backups made before PostgreSQL was supported. */
  database?: 'sqlite' | 'postgres';
}

/** The file holding the backup's database. */
export const backupDatabaseFile = (dir: string, manifest: BackupManifest): string =>
  path.join(dir, manifest.database === 'postgres' ? BACKUP_PG_DUMP : BACKUP_DB);

export interface BackupInfo {
  name: string;
  dir: string;
  manifest: BackupManifest;
}

/** atelier-backup-20260101T120000Z: sorts by time, safe in any file system. */
export function backupName(at: number): string {
  return BACKUP_PREFIX + new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function readManifest(dir: string): BackupManifest | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
    return m.format === 1 && fs.existsSync(backupDatabaseFile(dir, m)) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The backups in a folder, oldest first (folders without a readable manifest are not backups). */
export function listBackups(backupDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: BackupInfo[] = [];
  for (const name of names.filter((n) => n.startsWith(BACKUP_PREFIX)).sort()) {
    const dir = path.join(backupDir, name);
    const manifest = readManifest(dir);
    if (manifest) out.push({ name, dir, manifest });
  }
  return out;
}

/** Removes the backups created more than keepDays ago; returns their names. */
export async function rotateBackups(backupDir: string, keepDays: number, now: number): Promise<string[]> {
  const cutoff = now - keepDays * DAY_MS;
  const removed: string[] = [];
  for (const b of listBackups(backupDir)) {
    if (Date.parse(b.manifest.createdAt) >= cutoff) continue;
    await fsp.rm(b.dir, { recursive: true, force: true });
    removed.push(b.name);
  }
  return removed;
}
