/**
 * Test-only helpers shared by the asset and album tests: image fixtures, a hand-built multipart body, and a
 * service environment over a real SQLite file and the real encrypted FsBlobStore in a temp folder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { testConfig, type Config } from '../../config.js';
import { migrateToLatest, openSqlite, type Db } from '../../db/database.js';
import { ManualClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { FsBlobStore } from '../../storage/fs-blob-store.js';
import { Keyring } from '../../storage/keyring.js';
import { KyselyUserKeyRepository } from '../../storage/user-key.repository.js';
import { AlbumRepository } from '../albums/repository.js';
import { AlbumService } from '../albums/service.js';
import { AssetRepository } from './repository.js';
import { AssetService } from './service.js';

// ---- images -------------------------------------------------------------------------------------------------

export type Format = 'png' | 'jpeg' | 'webp' | 'gif';

export function solid(width: number, height: number, background = '#c04020') {
  return sharp({ create: { width, height, channels: 3, background } });
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

/** A 40×20 JPEG whose EXIF says "rotate 90° clockwise" and carries a GPS position and a camera make. */
export async function orientedJpegWithGps(): Promise<Buffer> {
  return solid(40, 20)
    .withExif({
      IFD0: { Make: 'PhoneCo' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A few hundred bytes of PNG declaring 30000×30000 pixels: a decompression bomb. */
export function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30_000, 0);
  ihdr.writeUInt32BE(30_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

// ---- multipart ----------------------------------------------------------------------------------------------

/** A multipart/form-data body with one file part (and optional text fields), built by hand. */
export function multipart(
  file: { data: Buffer; filename: string; contentType?: string; field?: string },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----atelier${crypto.randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// ---- service environment ------------------------------------------------------------------------------------

export interface ServiceEnv {
  dir: string;
  db: Db;
  clock: ManualClock;
  config: Config;
  blobs: FsBlobStore;
  repo: AssetRepository;
  assets: AssetService;
  albums: AlbumService;
  close(): Promise<void>;
}

export async function serviceEnv(overrides: Partial<Config> = {}): Promise<ServiceEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-assets-'));
  const config = testConfig(dir, overrides);
  const db = openSqlite(config.databaseFile);
  await migrateToLatest(db);
  const keyring = new Keyring(crypto.randomBytes(32), new KyselyUserKeyRepository(db));
  const blobs = new FsBlobStore(config.blobDir, keyring);
  const clock = new ManualClock();
  const repo = new AssetRepository(db);
  const assets = new AssetService(repo, blobs, clock, config);
  const albums = new AlbumService(new AlbumRepository(db), new AssetRepository(db), clock);
  return {
    dir, db, clock, config, blobs, repo, assets, albums,
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createUser(db: Db, now = Date.UTC(2026, 0, 1)): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({ id, email: `${id}@example.test`, name: 'Someone', password_hash: 'x', role: 'user', status: 'active', created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function createGeneration(db: Db, userId: string, prompt = 'a lighthouse at dusk', now = Date.UTC(2026, 0, 1)): Promise<string> {
  const id = newId();
  await db
    .insertInto('generations')
    .values({ id, user_id: userId, mode: 'generate', prompt, params: '{}', engine: 'builtin', model: null, status: 'running', error: null, parent_asset_id: null, usage: null, created_at: now, started_at: now, finished_at: null })
    .execute();
  return id;
}
