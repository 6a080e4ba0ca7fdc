import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import type { DeploymentConfig } from '../deployment-config.js';
import { openPostgres } from './postgres.js';
import { ensurePrivateDir, ensurePrivateFiles } from '../storage/private-files.js';
import { StatementCache } from './statement-cache.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, WalCheckpointer } from './wal-checkpointer.js';
import * as m0001 from './migrations/0001_initial.js';
import * as m0002 from './migrations/0002_favorite_index.js';
import * as m0003 from './migrations/0003_engine_runs.js';
import * as m0004 from './migrations/0004_privacy_rights.js';
import * as m0005 from './migrations/0005_privacy_comms.js';
import * as m0006 from './migrations/0006_hot_path.js';
import * as m0007 from './migrations/0007_active_job_indexes.js';
import * as m0008 from './migrations/0008_schedule_runs.js';
import * as m0009 from './migrations/0009_job_outbox.js';
import * as m0010 from './migrations/0010_auth_attempts.js';
import * as m0012 from './migrations/0012_passkeys_and_sso.js';
import * as m0011 from './migrations/0011_accounts.js';
import * as m0013 from './migrations/0013_api_tokens.js';
import * as m0018 from './migrations/0018_batches_and_webhooks.js';
import * as m0016 from './migrations/0016_billing.js';
import * as m0017 from './migrations/0017_shares_and_counts.js';
import * as m0019 from './migrations/0019_moderation.js';
import * as m0024 from './migrations/0024_provider_keys.js';
import * as m0020 from './migrations/0020_training_marks.js';
import * as m0022 from './migrations/0022_workflows.js';
import * as m0021 from './migrations/0021_email_first_signup.js';
import * as m0025 from './migrations/0025_reports.js';
import * as m0027 from './migrations/0027_user_language.js';
import * as m0028 from './migrations/0028_owed_end_hooks.js';
import * as m0029 from './migrations/0029_waiting_batch_rows.js';
import * as m0030 from './migrations/0030_upload_check.js';

export type Db = Kysely<Database>;

const PAGE_CACHE_KIB = 64 * 1024;

/** Migrations are imported statically so the built server needs no file-system discovery. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_favorite_index': m0002,
  '0003_engine_runs': m0003,
  '0004_privacy_rights': m0004,
  '0005_privacy_comms': m0005,
  '0006_hot_path': m0006,
  '0007_active_job_indexes': m0007,
  '0008_schedule_runs': m0008,
  '0009_job_outbox': m0009,
  '0010_auth_attempts': m0010,
  '0012_passkeys_and_sso': m0012,
  '0011_accounts': m0011,
  '0013_api_tokens': m0013,
  '0018_batches_and_webhooks': m0018,
  '0016_billing': m0016,
  '0017_shares_and_counts': m0017,
  '0019_moderation': m0019,
  '0024_provider_keys': m0024,
  '0020_training_marks': m0020,
  '0022_workflows': m0022,
  '0021_email_first_signup': m0021,
  '0025_reports': m0025,
  '0027_user_language': m0027,
  '0028_owed_end_hooks': m0028,
  '0029_waiting_batch_rows': m0029,
  '0030_upload_check': m0030,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export interface DatabaseLocation {
  /** The SQLite file, used when no PostgreSQL URL is configured. */
  databaseFile: string;
  deployment: Pick<DeploymentConfig, 'databaseUrl' | 'databasePoolSize'>;
}

export const sqliteAt = (databaseFile: string): DatabaseLocation => ({ databaseFile, deployment: {} });
export const postgresAt = (databaseUrl: string): DatabaseLocation => ({ databaseFile: '', deployment: { databaseUrl } });

/** The app database: PostgreSQL when ATELIER_DATABASE_URL is set, else the SQLite file in the data folder. */
export function openDatabase(location: DatabaseLocation): Db {
  const url = location.deployment.databaseUrl;
  return url ? openPostgres(url, location.deployment.databasePoolSize) : openSqlite(location.databaseFile);
}

export function openSqlite(file: string): Db {
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(file));
    ensurePrivateFiles(file, [file, `${file}-wal`, `${file}-shm`]);
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed, not left in free space: erasing a person must really erase.
  sqlite.pragma('secure_delete = ON');
  // SQLite's default page cache is 2 MiB; a gallery of a million assets is ~800 MiB, and membership-driven pages
  // (tags, albums) touch pages all over it. The cache grows only as pages are read.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const statements = new StatementCache(sqlite);
  if (file === ':memory:') return new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  // The log is checkpointed by a background thread, not inside the commits of the event loop (see WalCheckpointer).
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = new WalCheckpointer(file);
  const database: SqliteDatabase = {
    prepare: (text) => statements.prepare(text),
    close: () => {
      // The checkpointer goes first, so the app's connection is the last one and tidies the log away as it closes.
      checkpointer.stopSync();
      statements.close();
    },
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
