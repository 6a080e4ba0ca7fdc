/**
 * Test factories, shared by every test that needs data: image fixtures made with sharp, and a context over a real
 * SQLite file and the real encrypted blob store in a temp folder, with `newUser()`, `newAsset()`, `newAlbum()`
 * and `newGeneration()` to fill it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { testConfig, type Config } from '../config.js';
import type { Db } from '../db/database.js';
import { ManualClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { AlbumRepository } from '../modules/albums/repository.js';
import { AlbumService } from '../modules/albums/service.js';
import { AssetRepository } from '../modules/assets/repository.js';
import { AssetService } from '../modules/assets/service.js';
import type { AssetDto } from '../modules/assets/schemas.js';
import { FsBlobStore } from '../storage/fs-blob-store.js';
import { Keyring } from '../storage/keyring.js';
import { KyselyUserKeyRepository } from '../storage/user-key.repository.js';
import { tempDir } from './temp-dir.js';
import { openTestDatabase } from './test-database.js';

// ---- images -------------------------------------------------------------------------------------------------

export type Format = 'png' | 'jpeg' | 'webp' | 'gif';

/** One flat colour: compresses to almost nothing, decodes to known pixels. */
export function solid(width: number, height: number, background = '#c04020'): Sharp {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** Gaussian noise: every pixel differs, so a lossy re-encode would show. */
export function noisy(width = 48, height = 32, opts: { channels?: 3 | 4; sigma?: number } = {}): Sharp {
  return sharp({
    create: { width, height, channels: opts.channels ?? 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: opts.sigma ?? 50 } },
  });
}

export async function image(format: Format, width = 64, height = 48, background = '#c04020'): Promise<Buffer> {
  const s = solid(width, height, background);
  switch (format) {
    case 'png':
      return s.png().toBuffer();
    case 'jpeg':
      return s.jpeg().toBuffer();
    case 'webp':
      return s.webp().toBuffer();
    case 'gif':
      return s.gif().toBuffer();
  }
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A few hundred bytes of PNG declaring 30000×30000 RGB pixels: a decompression bomb. */
export function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- rows ---------------------------------------------------------------------------------------------------

export async function insertUser(db: Db, now = Date.UTC(2026, 0, 1)): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({ id, email: `${id}@example.test`, name: 'Someone', password_hash: 'x', role: 'user', status: 'active', created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function insertGeneration(db: Db, userId: string, prompt = 'a lighthouse at dusk', now = Date.UTC(2026, 0, 1)): Promise<string> {
  const id = newId();
  await db
    .insertInto('generations')
    .values({ id, user_id: userId, mode: 'generate', prompt, params: '{}', engine: 'builtin', model: null, status: 'running', error: null, parent_asset_id: null, usage: null, created_at: now, started_at: now, finished_at: null })
    .execute();
  return id;
}

// ---- context ------------------------------------------------------------------------------------------------

export interface NewAssetOptions {
  format?: Format;
  width?: number;
  height?: number;
  fileName?: string;
}

export interface TestContext {
  dir: string;
  db: Db;
  clock: ManualClock;
  config: Config;
  blobs: FsBlobStore;
  repo: AssetRepository;
  assets: AssetService;
  albums: AlbumService;
  /** A user row (no password, no session): enough for service tests. */
  newUser(): Promise<string>;
  /** A running generation row of the user's. */
  newGeneration(userId: string, prompt?: string): Promise<string>;
  /** Uploads a solid image through the asset service, then moves the clock 1 s on (so assets sort by upload order). */
  newAsset(userId: string, opts?: NewAssetOptions): Promise<AssetDto>;
  newAlbum(userId: string, name?: string): Promise<{ id: string }>;
  close(): Promise<void>;
}

/** Services over a migrated test database (see test-database.ts) and an encrypted blob store in a fresh temp folder, with a manual clock. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const dir = tempDir('atelier-ctx-');
  const { db, database, close: closeDatabase } = await openTestDatabase(dir);
  const base = testConfig(dir);
  const config = testConfig(dir, { deployment: { ...base.deployment, ...database.location.deployment }, ...overrides });
  const keyring = new Keyring(crypto.randomBytes(32), new KyselyUserKeyRepository(db));
  const blobs = new FsBlobStore(config.blobDir, keyring);
  const clock = new ManualClock();
  const repo = new AssetRepository(db);
  const assets = new AssetService(repo, blobs, clock, config);
  const albums = new AlbumService(new AlbumRepository(db), repo, clock);
  return {
    dir, db, clock, config, blobs, repo, assets, albums,
    newUser: () => insertUser(db),
    newGeneration: (userId, prompt) => insertGeneration(db, userId, prompt),
    async newAsset(userId, opts = {}) {
      const format = opts.format ?? 'png';
      const data = await image(format, opts.width ?? 64, opts.height ?? 48);
      const asset = await assets.upload(userId, { data, fileName: opts.fileName ?? `pic.${format}` });
      clock.advance(1000);
      return asset;
    },
    newAlbum: (userId, name = 'Album') => albums.create(userId, { name }),
    async close() {
      await closeDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
