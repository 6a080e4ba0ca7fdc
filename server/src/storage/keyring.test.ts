import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../test-support/test-database.js';
import { KeyUnwrapError, UserKeyNotFoundError } from './errors.js';
import { Keyring } from './keyring.js';
import { KyselyUserKeyRepository, type UserKeyRepository } from './user-key.repository.js';

describe('Keyring', () => {
  let dir: string;
  let dbFile: string;
  let db: Db;
  let database: TestDatabase;
  let closeDatabase: () => Promise<void>;
  let repo: KyselyUserKeyRepository;
  let masterKey: Buffer;
  const extraDbs: Db[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-keyring-'));
    dbFile = path.join(dir, 'atelier.db');
    ({ db, database, close: closeDatabase } = await openTestDatabase(dir));
    repo = new KyselyUserKeyRepository(db);
    masterKey = crypto.randomBytes(32);
  });
  afterEach(async () => {
    for (const d of extraDbs.splice(0)) await d.destroy();
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rowOf = (userId: string) =>
    db.selectFrom('user_keys').selectAll().where('user_id', '=', userId).executeTakeFirst();

  it('creates a data key on first use, stores it only wrapped, and returns it again', async () => {
    const keyring = new Keyring(masterKey, repo, { now: () => 1234 });
    expect(await keyring.hasKey('u1')).toBe(false);
    const key = await keyring.dataKeyFor('u1');
    expect(key.length).toBe(32);
    const row = await rowOf('u1');
    expect(row?.created_at).toBe(1234);
    expect(row?.wrapped_key.length).toBe(61);
    expect(row?.wrapped_key[0]).toBe(1);
    expect(Buffer.from(row!.wrapped_key).includes(key.subarray(0, 8))).toBe(false);
    expect((await keyring.dataKeyFor('u1')).equals(key)).toBe(true);
    expect(await keyring.hasKey('u1')).toBe(true);
    // Persisted: a new keyring (a restart) unwraps the same key.
    const restarted = new Keyring(masterKey, new KyselyUserKeyRepository(db));
    expect((await restarted.existingDataKeyFor('u1')).equals(key)).toBe(true);
    expect((await keyring.dataKeyFor('u2')).equals(key)).toBe(false);
  });

  it('never creates a key for a read', async () => {
    const keyring = new Keyring(masterKey, repo);
    await expect(keyring.existingDataKeyFor('nobody')).rejects.toBeInstanceOf(UserKeyNotFoundError);
    expect(await rowOf('nobody')).toBeUndefined();
  });

  it('agrees on one key under concurrent first use, in one process and across connections', async () => {
    const keyring = new Keyring(masterKey, repo);
    const keys = await Promise.all(Array.from({ length: 20 }, () => keyring.dataKeyFor('racer')));
    for (const k of keys) expect(k.equals(keys[0])).toBe(true);

    const db2 = database.connect();
    const db3 = database.connect();
    extraDbs.push(db2, db3);
    const k2 = new Keyring(masterKey, new KyselyUserKeyRepository(db2));
    const k3 = new Keyring(masterKey, new KyselyUserKeyRepository(db3));
    const many = await Promise.all([
      ...Array.from({ length: 5 }, () => k2.dataKeyFor('racer2')),
      ...Array.from({ length: 5 }, () => k3.dataKeyFor('racer2')),
    ]);
    for (const k of many) expect(k.equals(many[0])).toBe(true);
    const rows = await db.selectFrom('user_keys').select('user_id').where('user_id', 'like', 'racer%').execute();
    expect(rows).toHaveLength(2);
  });

  it('keeps the stored key when a second writer loses the insert race', async () => {
    const keyring = new Keyring(masterKey, repo);
    const winner = await keyring.dataKeyFor('w');
    const winnerRow = await rowOf('w');
    expect(await repo.insertIfAbsent('w', crypto.randomBytes(61), 1)).toBe(false);
    expect(Buffer.from((await rowOf('w'))!.wrapped_key).equals(Buffer.from(winnerRow!.wrapped_key))).toBe(true);
    expect((await new Keyring(masterKey, repo).dataKeyFor('w')).equals(winner)).toBe(true);
  });

  it('destroy crypto-shreds: the row is gone, the cache forgets, a fresh keyring cannot find it', async () => {
    const keyring = new Keyring(masterKey, repo);
    const old = await keyring.dataKeyFor('gone');
    expect(await keyring.destroy('gone')).toBe(true);
    expect(await rowOf('gone')).toBeUndefined();
    expect(await keyring.hasKey('gone')).toBe(false);
    expect(keyring.cachedKeyCount).toBe(0);
    await expect(keyring.existingDataKeyFor('gone')).rejects.toBeInstanceOf(UserKeyNotFoundError);
    await expect(new Keyring(masterKey, repo).existingDataKeyFor('gone')).rejects.toBeInstanceOf(UserKeyNotFoundError);
    expect(await keyring.destroy('gone')).toBe(false);
    // A new key for the same id is unrelated to the old one.
    expect((await keyring.dataKeyFor('gone')).equals(old)).toBe(false);
  });

  // Reads the SQLite file itself; on PostgreSQL the repository vacuums the table instead (user-key.repository.ts).
  it.skipIf(testBackend() !== 'sqlite')('destroy wipes the wrapped key from the database file (SQLite secure_delete)', async () => {
    const keyring = new Keyring(masterKey, repo);
    await keyring.dataKeyFor('wiped');
    const wrapped = Buffer.from((await rowOf('wiped'))!.wrapped_key);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    expect(fs.readFileSync(dbFile).includes(wrapped)).toBe(true);
    await keyring.destroy('wiped');
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    expect(fs.readFileSync(dbFile).includes(wrapped)).toBe(false);
  });

  it('does not resurrect a key destroyed while it was being loaded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let gated = false;
    const slowRepo: UserKeyRepository = {
      find: async (id) => {
        const row = await repo.find(id);
        if (gated) await gate;
        return row;
      },
      insertIfAbsent: (...a) => repo.insertIfAbsent(...a),
      delete: (id) => repo.delete(id),
    };
    const keyring = new Keyring(masterKey, slowRepo);
    await new Keyring(masterKey, repo).dataKeyFor('late');
    gated = true;
    const inFlight = keyring.existingDataKeyFor('late');
    await new Promise((r) => setTimeout(r, 20)); // the row has been read, the load waits at the gate
    await keyring.destroy('late');
    release();
    await inFlight; // began before the destroy, so it may still see the key...
    expect(keyring.cachedKeyCount).toBe(0); // ...but it is not cached
    gated = false;
    await expect(keyring.existingDataKeyFor('late')).rejects.toBeInstanceOf(UserKeyNotFoundError);
  });

  it('binds a wrapped key to its user and to the master key', async () => {
    const keyring = new Keyring(masterKey, repo);
    await keyring.dataKeyFor('alice');
    const aliceRow = (await rowOf('alice'))!;
    // Move Alice's wrapped key into Bob's row.
    await db.insertInto('user_keys').values({ user_id: 'bob', wrapped_key: aliceRow.wrapped_key, created_at: 1 }).execute();
    await expect(keyring.dataKeyFor('bob')).rejects.toBeInstanceOf(KeyUnwrapError);
    await expect(new Keyring(masterKey, repo).existingDataKeyFor('bob')).rejects.toThrow(/another user/);

    // Another master key cannot unwrap, and does not replace the stored key either.
    const wrong = new Keyring(crypto.randomBytes(32), repo);
    await expect(wrong.dataKeyFor('alice')).rejects.toBeInstanceOf(KeyUnwrapError);
    expect(Buffer.from((await rowOf('alice'))!.wrapped_key).equals(Buffer.from(aliceRow.wrapped_key))).toBe(true);

    // Any altered byte, or an unknown version, is refused.
    for (const at of [0, 5, 20, 60]) {
      const bad = Buffer.from(aliceRow.wrapped_key);
      bad[at] ^= 0x01;
      await db.updateTable('user_keys').set({ wrapped_key: bad }).where('user_id', '=', 'bob').execute();
      await expect(new Keyring(masterKey, repo).existingDataKeyFor('bob')).rejects.toBeInstanceOf(KeyUnwrapError);
    }
  });

  it('keeps at most cacheSize unwrapped keys, evicting the least recently used', async () => {
    let finds = 0;
    const counting: UserKeyRepository = {
      find: (id) => {
        finds++;
        return repo.find(id);
      },
      insertIfAbsent: (...a) => repo.insertIfAbsent(...a),
      delete: (id) => repo.delete(id),
    };
    const setup = new Keyring(masterKey, repo);
    for (const u of ['a', 'b', 'c']) await setup.dataKeyFor(u);

    const keyring = new Keyring(masterKey, counting, { cacheSize: 2 });
    await keyring.existingDataKeyFor('a');
    await keyring.existingDataKeyFor('b');
    await keyring.existingDataKeyFor('a'); // a is now the most recent
    expect(finds).toBe(2);
    await keyring.existingDataKeyFor('c'); // evicts b
    expect(keyring.cachedKeyCount).toBe(2);
    expect(finds).toBe(3);
    await keyring.existingDataKeyFor('a');
    expect(finds).toBe(3);
    await keyring.existingDataKeyFor('b');
    expect(finds).toBe(4);
  });

  it("notices another process's destroy once the cached key expires", async () => {
    let now = 1_000;
    const worker = new Keyring(masterKey, repo, { cacheTtlMs: 60_000, now: () => now });
    const api = new Keyring(masterKey, new KyselyUserKeyRepository(db));
    await worker.dataKeyFor('shared');
    await api.destroy('shared');
    now += 59_000;
    expect(await worker.hasKey('shared')).toBe(true); // still cached
    now += 2_000;
    expect(await worker.hasKey('shared')).toBe(false);
    await expect(worker.existingDataKeyFor('shared')).rejects.toBeInstanceOf(UserKeyNotFoundError);
  });

  it('rejects a master key of the wrong size and empty user ids', async () => {
    expect(() => new Keyring(Buffer.alloc(16), repo)).toThrow(/32-byte/);
    const keyring = new Keyring(masterKey, repo);
    await expect(keyring.dataKeyFor('')).rejects.toThrow(TypeError);
  });
});
