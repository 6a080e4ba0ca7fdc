import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseLocation, type Db } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';
import { adminQuery, databaseUrl, quoteIdent } from '../db/postgres-admin.js';

/** What the server-pg project's global setup hands to the tests (see postgres-template.global.ts). */
export interface TestPostgres {
  adminUrl: string;
  /** The migrated database each test database is cloned from. */
  template: string;
  /** Every database of this run starts with it, so the teardown finds them all. */
  prefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    atelierPostgres?: TestPostgres;
  }
}

const postgres = (): TestPostgres | undefined => inject('atelierPostgres');

/** The back-end this test run is on: PostgreSQL in the server-pg project, SQLite otherwise. */
export const testBackend = (): DialectName => (postgres() ? 'postgres' : 'sqlite');

/** Marks, inside a data folder, which PostgreSQL database belongs to it, so an app restarted on the folder finds its data. */
const MARKER = 'test-postgres-database';

/** An app database of a test, and where it is (migrated on PostgreSQL; a SQLite file is migrated when opened). */
export interface TestDatabase {
  location: DatabaseLocation;
  /** A new connection (pool) to the database; the caller destroys it. */
  connect(): Db;
  /** Removes a PostgreSQL database (its connections must be closed); a SQLite file goes with its folder. */
  drop(): Promise<void>;
}

/**
 * The database of the app whose data folder is `dataDir`: its SQLite file, or on PostgreSQL a database cloned
 * from the run's template (the same one again for the same folder, as a restarted server would find it).
 */
export async function testDatabase(dataDir: string): Promise<TestDatabase> {
  const pg = postgres();
  if (!pg) {
    const location: DatabaseLocation = { databaseFile: path.join(dataDir, 'atelier.db'), deployment: {} };
    return { location, connect: () => openDatabase(location), drop: async () => {} };
  }
  const marker = path.join(dataDir, MARKER);
  let name = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : undefined;
  if (!name) {
    name = `${pg.prefix}${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(pg.adminUrl, `create database ${quoteIdent(name)} template ${quoteIdent(pg.template)}`);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(marker, name);
  }
  const location: DatabaseLocation = { databaseFile: path.join(dataDir, 'atelier.db'), deployment: { databaseUrl: databaseUrl(pg.adminUrl, name) } };
  const dbName = name;
  return {
    location,
    connect: () => openDatabase(location),
    async drop() {
      await adminQuery(pg.adminUrl, `drop database if exists ${quoteIdent(dbName)} with (force)`);
      fs.rmSync(marker, { force: true });
    },
  };
}

/** Opens a migrated database for a test that works on the database alone; `close` destroys and drops it. */
export async function openTestDatabase(dataDir: string): Promise<{ db: Db; database: TestDatabase; close(): Promise<void> }> {
  const database = await testDatabase(dataDir);
  const db = database.connect();
  await migrateToLatest(db);
  return {
    db,
    database,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
