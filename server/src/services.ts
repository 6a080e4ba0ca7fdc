import fs from 'node:fs';
import type { Config } from './config.js';
import { migrateToLatest, openSqlite, type Db } from './db/database.js';
import { BuiltinEngine } from './engines/builtin/index.js';
import { EngineRegistry } from './engines/registry.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { systemClock, type Clock } from './lib/clock.js';
import { AlbumService } from './modules/albums/service.js';
import { AlbumRepository } from './modules/albums/repository.js';
import { AssetRepository } from './modules/assets/repository.js';
import { AssetService } from './modules/assets/service.js';
import { AuditRepository, SessionRepository, UserRepository } from './modules/auth/repository.js';
import { AuthService } from './modules/auth/service.js';
import { GenerationEvents } from './modules/generations/events.js';
import { GenerationRepository } from './modules/generations/repository.js';
import { GenerationService } from './modules/generations/service.js';
import { GenerationRunner } from './modules/generations/runner.js';
import { EmbeddedJobQueue } from './queue/embedded-queue.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';
import { FsBlobStore } from './storage/fs-blob-store.js';
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
  events: GenerationEvents;
  queue: JobQueue;
  users: UserRepository;
  auth: AuthService;
  assets: AssetService;
  albums: AlbumService;
  generations: GenerationService;
  close(): Promise<void>;
}

export interface ServiceOptions {
  clock?: Clock;
  onJobError?: (err: unknown) => void;
}

export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const clock = opts.clock ?? systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const db = openSqlite(config.databaseFile);
  await migrateToLatest(db);

  const masterKey = loadOrCreateMasterKey({ dataDir: config.dataDir, envKey: config.masterKey });
  const keyring = new Keyring(masterKey, new KyselyUserKeyRepository(db));
  const blobs = new FsBlobStore(config.blobDir, keyring);
  const engines = new EngineRegistry([new BuiltinEngine()]);
  const events = new GenerationEvents();
  const metrics = createMetrics();
  const queue = new EmbeddedJobQueue(db, clock, {
    leaseMs: config.jobLeaseMs,
    maxAttempts: config.jobMaxAttempts,
    onError: opts.onJobError,
  });

  const users = new UserRepository(db);
  const auth = new AuthService(users, new SessionRepository(db), new AuditRepository(db), clock, config);
  const assets = new AssetService(new AssetRepository(db), blobs, clock, config);
  const albums = new AlbumService(new AlbumRepository(db), new AssetRepository(db), clock);
  const generationRepo = new GenerationRepository(db);
  const generations = new GenerationService(db, generationRepo, assets, engines, queue, events, clock, users);
  const runner = new GenerationRunner(generationRepo, assets, engines, events, clock, users, metrics);
  runner.register(queue);

  if (config.runWorkers && config.workerConcurrency > 0) queue.start(config.workerConcurrency);

  return {
    config, clock, db, metrics, keyring, blobs, engines, events, queue, users, auth, assets, albums, generations,
    async close() {
      await queue.stop();
      await db.destroy();
    },
  };
}
