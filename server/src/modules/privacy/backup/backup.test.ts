import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAt, sqliteAt, type DatabaseLocation } from '../../../db/database.js';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { runMaintenance } from '../../../maintenance.js';
import { UserKeyNotFoundError } from '../../../storage/errors.js';
import { MASTER_KEY_FILE } from '../../../storage/master-key.js';
import { createTestApp, signUp, tempDir, type TestApp, type TestUser } from '../../../test-support/harness.js';
import { testBackend } from '../../../test-support/test-database.js';
import { findResidue, givePersonData, type Residue } from '../deletion/test-support.js';
import { listBackups } from './backup-folder.js';
import { BackupService } from './backup-service.js';
import { runBackupCommand } from './cli.js';
import { dropDatabase, loadIntoNewDatabase } from './postgres-dump.js';
import { DatabaseInUseError } from './sqlite-files.js';

/**
 * Something that keeps the database open as a running server does. SQLite locks belong to a process, so for
 * SQLite it is a child process; on PostgreSQL a connection of its own.
 */
async function holdOpen(database: DatabaseLocation): Promise<{ close(): Promise<void> }> {
  const url = database.deployment.databaseUrl;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { close: () => client.end() };
  }
  const child = await holdOpenInChild(database.databaseFile);
  return { close: async () => void child.kill() };
}

/** A child process that opens the database in WAL mode, as the server does, and keeps it open until killed. */
async function holdOpenInChild(dbFile: string): Promise<ChildProcess> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `const S = require(${JSON.stringify(driver)}); const db = new S(${JSON.stringify(dbFile)});
    db.pragma('journal_mode = WAL'); db.prepare('select count(*) from users').get(); console.log('open'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`holder exited with ${c}`)));
  });
  return child;
}

/** What is left of a person in a backup: a PostgreSQL dump is loaded into a scratch database and searched there. */
async function backupResidue(live: DatabaseLocation, backupDir: string, userId: string, needles: string[]): Promise<Residue> {
  const blobs = path.join(backupDir, 'blobs');
  const url = live.deployment.databaseUrl;
  if (!url) return findResidue(sqliteAt(path.join(backupDir, 'atelier.db')), blobs, userId, needles);
  const scratch = await loadIntoNewDatabase(url, path.join(backupDir, 'database.sql'), 'check');
  try {
    return await findResidue(postgresAt(scratch), blobs, userId, needles);
  } finally {
    await dropDatabase(scratch);
  }
}

const dirs: string[] = [];
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDir('atelier-backup-test-');
  dirs.push(d);
  return d;
}

/** The app over a data folder the test owns, so it can be stopped, restored and started again. */
async function open(dataDir: string, clock: ManualClock, graceDays = 0): Promise<TestApp> {
  t = await createTestApp({ dataDir, clock });
  t.services.config.privacy.deletionGraceDays = graceDays;
  return t;
}

async function stop(): Promise<void> {
  await t?.close();
  t = undefined;
}

const deleteMe = (app: TestApp, user: TestUser) =>
  app.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: user.headers, payload: { password: user.password } });

async function blobKeysOf(app: TestApp, userId: string): Promise<string[]> {
  return (await app.services.db.selectFrom('assets').select('blob_key').where('user_id', '=', userId).execute()).map((r) => r.blob_key);
}

describe('backups', () => {
  it('hold a database snapshot and the still-encrypted blobs, but never the master key', async () => {
    const dataDir = dir();
    const clock = new ManualClock(Date.now());
    const app = await open(dataDir, clock);
    const alice = await signUp(app.app);
    await givePersonData(app.app, alice, 'a snapshot of a lighthouse');
    const b = await new BackupService(app.services.config, clock).create();

    expect(b.dir.startsWith(path.join(dataDir, 'backups'))).toBe(true);
    expect(b.manifest).toMatchObject({ format: 1, users: 1, masterKeyIncluded: false });
    expect(b.manifest.blobFiles).toBeGreaterThanOrEqual(3); // upload, its thumbnail, the generated image
    expect(listBackups(app.services.config.privacy.backupDir).map((x) => x.name)).toEqual([b.name]);
    const files = fs.readdirSync(b.dir, { recursive: true }) as string[];
    expect(files).not.toContain(MASTER_KEY_FILE);
    const masterKeyText = fs.readFileSync(path.join(dataDir, MASTER_KEY_FILE), 'utf8').trim();
    for (const f of files) {
      const full = path.join(b.dir, f);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(Buffer.from(masterKeyText))).toBe(false);
    }
    // The blobs are copied as they are on disk: ciphertext, never the image bytes.
    const key = (await blobKeysOf(app, alice.id))[0]!;
    const copy = fs.readFileSync(path.join(b.dir, 'blobs', `${key}.atb`));
    expect(copy.equals(fs.readFileSync(path.join(app.services.config.blobDir, `${key}.atb`)))).toBe(true);
  });

  it('restoring an older backup does not bring back a person deleted since, and their blobs in it cannot be decrypted', async () => {
    const dataDir = dir();
    const offsite = dir(); // outside ATELIER_BACKUP_DIR: the purge cannot reach it, only the restore's replay
    const clock = new ManualClock(Date.now());
    let app = await open(dataDir, clock);
    const alice = await signUp(app.app);
    const bob = await signUp(app.app);
    await givePersonData(app.app, alice, 'alice remembers the sea');
    const bobData = await givePersonData(app.app, bob, 'bob remembers the hills');
    const aliceKeys = await blobKeysOf(app, alice.id);
    const backup = await new BackupService(app.services.config, clock).create(offsite);

    clock.advance(DAY_MS);
    expect((await deleteMe(app, alice)).statusCode).toBe(202); // grace 0: purged at once
    expect(await app.services.keyring.hasKey(alice.id)).toBe(false);
    const config = app.services.config;
    await stop();

    const report = await new BackupService(config, clock).restore(backup.dir);
    expect(report.replayedTombstones).toBe(1);

    app = await open(dataDir, clock);
    expect(await findResidue(config, config.blobDir, alice.id, [alice.email, 'alice remembers the sea']))
      .toEqual({ cells: [], rawBytes: [], blobFiles: [] });
    const login = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: alice.email, password: alice.password } });
    expect(login.statusCode).toBe(401);
    // Alice's blob, taken from the old backup and put back in place, cannot be decrypted: her key is gone.
    const key = aliceKeys[0]!;
    const target = path.join(config.blobDir, `${key}.atb`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(backup.dir, 'blobs', `${key}.atb`), target);
    await expect(app.services.blobs.getBuffer(key, alice.id)).rejects.toBeInstanceOf(UserKeyNotFoundError);
    // Bob is back as he was.
    const bobLogin = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: bob.email, password: bob.password } });
    expect(bobLogin.statusCode).toBe(200);
    const cookie = bobLogin.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    for (const id of bobData.assetIds) {
      expect((await app.app.inject({ method: 'GET', url: `/api/v1/assets/${id}/content`, headers: { cookie } })).statusCode).toBe(200);
    }
  });

  it('a purge also erases the person from the backups in the backup folder', async () => {
    const dataDir = dir();
    const clock = new ManualClock(Date.now());
    const app = await open(dataDir, clock);
    const alice = await signUp(app.app);
    const bob = await signUp(app.app);
    await givePersonData(app.app, alice, 'alice in the backup folder');
    await givePersonData(app.app, bob, 'bob in the backup folder');
    const backup = await new BackupService(app.services.config, clock).create();
    const residue = (userId: string, needles: string[]) => backupResidue(app.services.config, backup.dir, userId, needles);
    expect((await residue(alice.id, [alice.email])).blobFiles.length).toBeGreaterThan(0);

    expect((await deleteMe(app, alice)).statusCode).toBe(202);
    expect(await residue(alice.id, [alice.email, 'alice in the backup folder'])).toEqual({ cells: [], rawBytes: [], blobFiles: [] });
    expect((await residue(bob.id, [bob.email])).cells).toContain(`users.email has ${JSON.stringify(bob.email)}`);
    if (testBackend() === 'postgres') expect(fs.readFileSync(path.join(backup.dir, 'database.sql'), 'utf8')).not.toContain(alice.email);
  });

  it('restore refuses while another process (the server) has the database open, and changes nothing', async () => {
    const dataDir = dir();
    const clock = new ManualClock(Date.now());
    const app = await open(dataDir, clock);
    const backup = await new BackupService(app.services.config, clock).create();
    await signUp(app.app);
    const config = app.services.config;
    await stop();
    const server = await holdOpen(config);
    try {
      await expect(new BackupService(config, clock).restore(backup.name)).rejects.toBeInstanceOf(DatabaseInUseError);
    } finally {
      await server.close();
    }
    const reopened = await open(dataDir, clock);
    expect(await reopened.services.users.count()).toBe(1); // the account made after the backup is still there
  });

  it('rotation removes backups older than ATELIER_BACKUP_KEEP_DAYS, at the next backup and in maintenance', async () => {
    const dataDir = dir();
    const clock = new ManualClock(Date.now());
    const app = await open(dataDir, clock);
    app.services.config.privacy.backupKeepDays = 3;
    const service = new BackupService(app.services.config, clock);
    const first = await service.create();
    clock.advance(2 * DAY_MS);
    const second = await service.create();
    expect(second.rotated).toEqual([]);
    clock.advance(2 * DAY_MS);
    const third = await service.create();
    expect(third.rotated).toEqual([first.name]);
    clock.advance(2 * DAY_MS);
    expect((await runMaintenance(app.services)).removedBackups).toBe(1);
    expect(listBackups(app.services.config.privacy.backupDir).map((b) => b.name)).toEqual([third.name]);
  });

  it('the backup command lists backups and explains an unknown name with a non-zero exit', async () => {
    const dataDir = dir();
    const clock = new ManualClock(Date.now());
    const app = await open(dataDir, clock);
    const lines: string[] = [];
    const errors: string[] = [];
    const out = { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) };
    expect(await runBackupCommand(app.services.config, ['list'], out)).toBe(0);
    expect(lines).toEqual([`No backups in ${app.services.config.privacy.backupDir}.`]);
    expect(await runBackupCommand(app.services.config, ['restore', 'atelier-backup-nope'], out)).toBe(1);
    expect(errors.join('\n')).toContain('No backup named "atelier-backup-nope"');
    expect(await runBackupCommand(app.services.config, ['frobnicate'], out)).toBe(2);
  });
});
