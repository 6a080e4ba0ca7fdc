import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { image, multipart } from '../../assets/test-fixtures.js';
import { runMaintenance } from '../../../maintenance.js';
import { appForFile, type TestUser } from '../../../test-support/harness.js';
import { readZip } from '../../../test-support/zip.js';
import { givePersonData, type PersonData } from '../deletion/test-support.js';
import { exportBlobKey } from './service.js';
import { json } from './test-fixtures.js';

const PROMPT = 'a red lighthouse on a cliff at dusk';

const clock = new ManualClock(Date.UTC(2026, 2, 1, 12));
const { t, people: [alice, bob] } = appForFile({ clock, people: 2 });
let data: PersonData;
beforeAll(async () => {
  data = await givePersonData(t.app, alice, PROMPT);
});

async function waitForExport(user: TestUser, id: string): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const e = (await t.app.inject({ url: `/api/v1/me/exports/${id}`, headers: { cookie: user.cookie } })).json();
    if (!['queued', 'running'].includes(e.status)) return e;
    if (Date.now() > deadline) throw new Error(`export still ${e.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('personal data export', () => {
  let exportId: string;
  let entries: Map<string, Buffer>;

  it('[S-1][D-20] answers 202 and builds the export as a job until it is ready', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: alice.headers });
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(queued).toEqual({ id: expect.any(String), status: 'queued', createdAt: new Date(clock.now()).toISOString(), readyAt: null, expiresAt: null, bytes: null });
    exportId = queued.id;
    const ready = await waitForExport(alice, exportId);
    expect(ready.status).toBe('ready');
    expect(ready.bytes).toBeGreaterThan(0);
    expect(ready.expiresAt).toBe(new Date(clock.now() + 7 * DAY_MS).toISOString());
    expect((await t.app.inject({ url: '/api/v1/me/exports', headers: { cookie: alice.cookie } })).json().items.map((e: any) => e.id)).toEqual([exportId]);
  });

  it('[D-12] keeps the zip encrypted at rest under the owner\'s key', async () => {
    const file = path.join(t.services.config.blobDir, `${exportBlobKey(alice.id, exportId)}.atb`);
    const raw = fs.readFileSync(file);
    expect(raw.subarray(0, 4).toString()).toBe('ATB1');
    expect(raw.includes(Buffer.from(alice.email))).toBe(false);
    expect(raw.includes(Buffer.from(PROMPT))).toBe(false);
  });

  it('[S-1][D-20] downloads as a zip whose account, consents and sessions files hold the person\'s data', async () => {
    const res = await t.app.inject({ url: `/api/v1/me/exports/${exportId}/download`, headers: { cookie: alice.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="atelier-export-2026-03-01\.zip"$/);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    entries = await readZip(res.rawPayload);

    const account = json(entries, 'account.json');
    expect(account).toMatchObject({ id: alice.id, email: alice.email, name: 'Test Person', role: expect.any(String) });
    expect(JSON.stringify(account)).not.toContain('password');

    const consents = json(entries, 'consents.json');
    expect(consents.consents.product_emails.granted).toBe(true);
    expect(consents.history).toEqual([expect.objectContaining({ purpose: 'product_emails', granted: true })]);
  });

  it('[S-4][D-6] exports sessions with the coarse device and the truncated IP only', () => {
    const sessions = json(entries, 'sessions.json');
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      expect(s.ip).toMatch(/(\.0\/24|::\/48)$/);
      expect(Object.keys(s).sort()).toEqual(['createdAt', 'device', 'expiresAt', 'id', 'ip', 'lastSeenAt']);
    }
  });

  it('[S-2][D-7] exports every generation with its prompt, parameters, engine and times', () => {
    const generations = json(entries, 'generations.json');
    expect(generations).toEqual([
      expect.objectContaining({
        id: data.generationId, prompt: PROMPT, engine: 'builtin', status: 'succeeded', createdAt: expect.any(String),
        parameters: expect.objectContaining({ size: '64x64', count: 1, resolvedSeed: expect.any(Number) }),
        outputs: [{ index: 0, assetId: data.assetIds[1], error: null }],
      }),
    ]);
  });

  it('[D-21] exports albums and every original, decrypted, with a metadata file beside each', async () => {
    const albums = json(entries, 'albums.json');
    expect(albums).toEqual([expect.objectContaining({ name: 'Trips', assets: [expect.objectContaining({ assetId: data.assetIds[0] })] })]);
    for (const assetId of data.assetIds) {
      const content = await t.app.inject({ url: `/api/v1/assets/${assetId}/content`, headers: { cookie: alice.cookie } });
      const meta = json(entries, `media/${assetId}.json`);
      expect(entries.get(meta.file)?.equals(content.rawPayload)).toBe(true);
      expect(meta).toMatchObject({ id: assetId, sha256: content.headers.etag!.toString().replace(/"/g, ''), createdAt: expect.any(String) });
    }
    expect(json(entries, `media/${data.assetIds[0]}.json`)).toMatchObject({ kind: 'upload', tags: ['holiday'], albums: [expect.any(String)] });
    expect(json(entries, `media/${data.assetIds[1]}.json`)).toMatchObject({ kind: 'generated', prompt: PROMPT, generationId: data.generationId });
    const media = [...entries.keys()].filter((k) => k.startsWith('media/'));
    expect(media).toHaveLength(data.assetIds.length * 2);
  });

  it('allows one export per 24 hours, answering 429 with Retry-After', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: alice.headers });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('EXPORT_RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBe(24 * 3600);
  });

  it('lets only the owner, signed in, see or download an export', async () => {
    for (const url of [`/api/v1/me/exports/${exportId}`, `/api/v1/me/exports/${exportId}/download`]) {
      expect((await t.app.inject({ url, headers: { cookie: bob.cookie } })).statusCode).toBe(404);
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ url: '/api/v1/me/exports', headers: { cookie: bob.cookie } })).json()).toEqual({ items: [] });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/exports' })).statusCode).toBe(401);
  });

  it('[D-14] deletes the file 7 days after it was made, then reports the export expired', async () => {
    clock.advance(7 * DAY_MS - 1000);
    const report = await runMaintenance(t.services);
    expect(report.expiredExports).toBe(0);
    clock.advance(1000);
    expect((await t.app.inject({ url: `/api/v1/me/exports/${exportId}`, headers: { cookie: alice.cookie } })).json().status).toBe('expired');
    expect((await runMaintenance(t.services)).expiredExports).toBe(1);
    expect(await t.services.blobs.exists(exportBlobKey(alice.id, exportId))).toBe(false);
    const download = await t.app.inject({ url: `/api/v1/me/exports/${exportId}/download`, headers: { cookie: alice.cookie } });
    expect(download.statusCode).toBe(410);
    expect(download.json().error.code).toBe('EXPORT_EXPIRED');
  });

  it('accepts a new request once 24 hours have passed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: alice.headers });
    expect(res.statusCode).toBe(202);
    expect((await waitForExport(alice, res.json().id)).status).toBe('ready');
  });

  it('[D-13] removes every export file and row of the person when their account is purged', async () => {
    const before = await t.services.comms.exports.list(alice.id);
    expect(before.length).toBe(2);
    await t.services.comms.exports.purgeUser(alice.id);
    expect(await t.services.comms.exports.list(alice.id)).toEqual([]);
    for (const e of before) expect(await t.services.blobs.exists(exportBlobKey(alice.id, e.id))).toBe(false);
  });

  it('fails cleanly, leaving no partial file, when a stored image is damaged, and lets the person try again', async () => {
    const form = multipart({ data: await image('png'), filename: 'damaged.png', contentType: 'image/png' });
    const asset = (await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...bob.headers, ...form.headers }, payload: form.payload })).json();
    const row = await t.services.db.selectFrom('assets').select('blob_key').where('id', '=', asset.id).executeTakeFirstOrThrow();
    const file = path.join(t.services.config.blobDir, `${row.blob_key}.atb`);
    const bytes = fs.readFileSync(file);
    bytes[60] = bytes[60]! ^ 0xff; // inside the first encrypted chunk
    fs.writeFileSync(file, bytes);

    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: bob.headers });
    const failed = await waitForExport(bob, res.json().id);
    expect(failed).toMatchObject({ status: 'failed', bytes: null, readyAt: null });
    expect(await t.services.blobs.exists(exportBlobKey(bob.id, failed.id))).toBe(false);
    const download = await t.app.inject({ url: `/api/v1/me/exports/${failed.id}/download`, headers: { cookie: bob.cookie } });
    expect(download.json().error.code).toBe('EXPORT_NOT_READY');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: bob.headers })).statusCode).toBe(202);
  });
});
