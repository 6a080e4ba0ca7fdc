import fs from 'node:fs';
import type { Config } from './config.js';
import { migrateToLatest, openSqlite, type Db } from './db/database.js';
import { createEngineRegistry } from './engines/configured.js';
import { EngineHealth } from './engines/health.js';
import type { ProviderRuntime } from './engines/provider/runtime.js';
import type { EngineRegistry } from './engines/registry.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { systemClock, type Clock } from './lib/clock.js';
import { AlbumService } from './modules/albums/service.js';
import { AlbumRepository } from './modules/albums/repository.js';
import { AssetRepository } from './modules/assets/repository.js';
import { AssetService } from './modules/assets/service.js';
import { AuditRepository, SessionRepository, UserRepository } from './modules/auth/repository.js';
import { AuthService } from './modules/auth/service.js';
import { ConsentRepository } from './modules/privacy/consents/repository.js';
import { ConsentService } from './modules/privacy/consents/service.js';
import { DeletionRepository } from './modules/privacy/deletion/repository.js';
import { DeletionService } from './modules/privacy/deletion/service.js';
import { TombstoneLog } from './modules/privacy/deletion/tombstone-log.js';
import { LocalBackupEraser } from './modules/privacy/backup/local-backup-eraser.js';
import { DataComms } from './modules/privacy/data-comms.js';
import { GenerationEvents } from './modules/generations/events.js';
import { GenerationRepository } from './modules/generations/repository.js';
import { GenerationService } from './modules/generations/service.js';
import { GenerationRunner } from './modules/generations/runner.js';
import { EmbeddedJobQueue } from './queue/embedded-queue.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';
import { createBlobStore } from './storage/create-blob-store.js';
import { Keyring } from './storage/keyring.js';
import { loadOrCreateMasterKey } from './storage/master-key.js';
import { KyselyUserKeyRepository } from './storage/user-key.repository.js';

/** Every collaborator of the app, built once from a Config. Routes and jobs receive what they need from here. */
export interface Services {
  config: Config;
  clock: Clock;
  db: Db;
  metrics: Metrics;
  keyring: Keyring;
  blobs: BlobStore;
  engines: EngineRegistry;
  engineHealth: EngineHealth;
  events: GenerationEvents;
  queue: JobQueue;
  users: UserRepository;
  auth: AuthService;
  assets: AssetService;
  albums: AlbumService;
  consents: ConsentService;
  deletion: DeletionService;
  /** Exports, outbox, usage analytics, policy notices, retention (privacy/data-comms.ts). */
  comms: DataComms;
  generations: GenerationService;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  onJobError?: (err: unknown) => void;
  /** Waits and randomness of the provider engines' retries (tests observe them without sleeping). */
  engineRuntime?: ProviderRuntime;
}

export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const clock = opts.clock ?? systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openSqlite(config.databaseFile);
  await migrateToLatest(db);

  const masterKey = loadOrCreateMasterKey({ dataDir: config.dataDir, envKey: config.masterKey });
  const keyring = new Keyring(masterKey, new KyselyUserKeyRepository(db));
  const blobs = createBlobStore(config, keyring);
  const engineHealth = new EngineHealth(db, clock);
  const engines = createEngineRegistry(config.engines, engineHealth, opts.engineRuntime);
  const events = new GenerationEvents();
  const metrics = createMetrics();
  const queue = new EmbeddedJobQueue(db, clock, {
    leaseMs: config.jobLeaseMs,
    maxAttempts: config.jobMaxAttempts,
    onError: opts.onJobError,
  });

  const users = new UserRepository(db);
  const consents = new ConsentService(new ConsentRepository(db), clock, config.privacy);
  const comms = new DataComms({ config, db, clock, blobs, queue, masterKey, consents, users });
  const deletion = new DeletionService({
    db, repo: new DeletionRepository(db), users, keyring, blobs, queue, tombstones: new TombstoneLog(config.dataDir), clock, config,
    hooks: { exports: comms.exports, outbox: comms.outbox, backups: new LocalBackupEraser(config.privacy.backupDir) },
    notices: comms.accountNotices,
  });
  const auth = new AuthService(users, new SessionRepository(db), new AuditRepository(db), clock, config, deletion, comms.accountNotices);
  const assets = new AssetService(new AssetRepository(db), blobs, clock, config);
  const albums = new AlbumService(new AlbumRepository(db), new AssetRepository(db), clock);
  const generationRepo = new GenerationRepository(db);
  const generations = new GenerationService(db, generationRepo, assets, engines, queue, events, clock, users, comms.analytics);
  const runner = new GenerationRunner(generationRepo, assets, engines, events, clock, metrics);
  runner.register(queue);

  if (config.runWorkers && config.workerConcurrency > 0) queue.start(config.workerConcurrency);
  comms.start(config.runWorkers);

  return {
    config, clock, db, metrics, keyring, blobs, engines, engineHealth, events, queue, users, auth, assets, albums, generations, consents, deletion, comms,
    async close() {
      await queue.stop();
      await comms.stop();
      await engines.close();
      await db.destroy();
    },
  };
}
