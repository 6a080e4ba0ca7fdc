/**
 * Test-only helpers of the rights tests: give a person real data through the API, and scan a data folder for
 * anything left of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type DatabaseLocation } from '../../../db/database.js';
import { tablesWithColumns } from '../../../db/introspection.js';
import { image, multipart } from '../../assets/test-fixtures.js';
import { waitForGeneration, type TestUser } from '../../../test-support/harness.js';

export interface PersonData {
  assetIds: string[];
  generationId: string;
}

async function ok(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number): Promise<any> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return String(res.headers['content-type']).startsWith('application/json') ? JSON.parse(res.body) : undefined;
}

/** An upload (with its thumbnail made), a finished generation with `prompt`, an album, tags and a consent. */
export async function givePersonData(app: FastifyInstance, user: TestUser, prompt: string): Promise<PersonData> {
  const form = multipart({ data: await image('png'), filename: `${user.id}-photo.png`, contentType: 'image/png' });
  const upload = await ok(await app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...form.headers }, payload: form.payload }), 201);
  await ok(await app.inject({ method: 'GET', url: `/api/v1/assets/${upload.id}/thumbnail`, headers: { cookie: user.cookie } }), 200);
  await ok(await app.inject({ method: 'PUT', url: `/api/v1/assets/${upload.id}/tags`, headers: user.headers, payload: { tags: ['holiday'] } }), 200);
  const queued = await ok(await app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt, size: '64x64', count: 1 } }), 202);
  const g = await waitForGeneration(app, user, queued.id);
  if (g.status !== 'succeeded') throw new Error(`generation ${g.status}`);
  const album = await ok(await app.inject({ method: 'POST', url: '/api/v1/albums', headers: user.headers, payload: { name: 'Trips' } }), 201);
  await ok(await app.inject({ method: 'POST', url: `/api/v1/albums/${album.id}/assets`, headers: user.headers, payload: { assetIds: [upload.id] } }), 200);
  await ok(await app.inject({ method: 'POST', url: '/api/v1/prompt-snippets', headers: user.headers, payload: { name: 'Mine', text: `${prompt} in {{season}}` } }), 201);
  await ok(await app.inject({ method: 'POST', url: '/api/v1/support', headers: user.headers, payload: { subject: 'Help', message: prompt, assetId: upload.id } }), 201);
  await ok(await app.inject({ method: 'POST', url: '/api/v1/shares', headers: user.headers, payload: { albumId: album.id, allowDownload: false, password: 'open sesame' } }), 201);
  await ok(await app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: user.headers, payload: { product_emails: true } }), 200);
  return { assetIds: [upload.id, g.outputs[0].asset.id], generationId: g.id };
}

export interface Residue {
  /** "table.column" cells holding the user id or one of the needles. */
  cells: string[];
  /** Needles found in the raw bytes of the database or its -wal file (deleted rows left in free pages). */
  rawBytes: string[];
  /** Blob files whose path names the user. */
  blobFiles: string[];
}

/**
 * Everything of a person still in a data folder and its database: every column of every table is searched for the
 * user id and the needles (email, prompt...), except the tombstone's user id; a SQLite database's raw file and WAL
 * bytes for the needles; the blob folder for paths naming the user.
 */
export async function findResidue(database: DatabaseLocation, blobDir: string, userId: string, needles: readonly string[]): Promise<Residue> {
  const rawBytes: string[] = [];
  if (!database.deployment.databaseUrl) {
    // Read before the database is opened here: closing a connection checkpoints the WAL away.
    for (const file of [database.databaseFile, `${database.databaseFile}-wal`]) {
      if (!fs.existsSync(file)) continue;
      const bytes = fs.readFileSync(file);
      for (const needle of needles) if (bytes.includes(Buffer.from(needle))) rawBytes.push(`${path.basename(file)} has ${JSON.stringify(needle)}`);
    }
  }
  const cells: string[] = [];
  const db = openDatabase(database);
  try {
    for (const table of await tablesWithColumns(db)) {
      const rows = (await db.selectFrom(table.name as any).selectAll().execute()) as Record<string, unknown>[];
      for (const column of table.columns) {
        const texts = rows.map((row) => (Buffer.isBuffer(row[column]) ? (row[column] as Buffer).toString('latin1') : String(row[column])));
        for (const needle of [userId, ...needles]) {
          if (table.name === 'deletion_tombstones' && column === 'user_id' && needle === userId) continue;
          if (texts.some((text) => text.includes(needle))) cells.push(`${table.name}.${column} has ${needle === userId ? 'the user id' : JSON.stringify(needle)}`);
        }
      }
    }
  } finally {
    await db.destroy();
  }
  const blobFiles = fs.existsSync(blobDir)
    ? (fs.readdirSync(blobDir, { recursive: true }) as string[]).filter((p) => p.includes(userId))
    : [];
  return { cells, rawBytes, blobFiles };
}
