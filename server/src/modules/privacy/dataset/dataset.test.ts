import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile, signUp, waitForGeneration, type TestUser } from '../../../test-support/harness.js';
import { readZip } from '../../../test-support/zip.js';
import { runDatasetCommand } from './cli.js';
import { DatasetExportRefusedError, exportTrainingDataset } from './dataset-export.js';
import { AssetRepository } from '../../assets/repository.js';

const { t } = appForFile();

async function generate(user: TestUser, prompt: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt, size: '64x64', count: 2, style: 'watercolor' } });
  expect((await waitForGeneration(t.app, user, res.json().id)).status).toBe('succeeded');
}

const consent = (user: TestUser, training: boolean) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: user.headers, payload: { training } });

async function exportRows(): Promise<{ rows: any[]; entries: Map<string, Buffer> }> {
  const file = path.join(t.dataDir, `dataset-${Date.now()}-${Math.random()}.zip`);
  const { services } = t;
  await exportTrainingDataset(
    { assets: new AssetRepository(services.db), blobs: services.blobs, consents: services.consents, clock: services.clock, privacy: services.config.privacy },
    file,
  );
  const entries = await readZip(fs.readFileSync(file));
  const text = entries.get('dataset.jsonl')!.toString('utf8');
  return { rows: text.split('\n').filter(Boolean).map((l) => JSON.parse(l)), entries };
}

describe('training dataset export', () => {
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    alice = await signUp(t.app);
    bob = await signUp(t.app);
    await generate(alice, 'alice paints a red kite');
    await generate(bob, 'bob paints a blue boat');
    expect((await consent(alice, true)).statusCode).toBe(200);
  });

  it('holds the prompts and decrypted images of consenting people, and 0 rows of a person who did not consent', async () => {
    const { rows, entries } = await exportRows();
    expect(rows.map((r) => r.prompt)).toEqual(['alice paints a red kite', 'alice paints a red kite']);
    expect(rows.filter((r) => r.prompt.includes('bob'))).toHaveLength(0);
    expect(rows[0]).toMatchObject({ mode: 'generate', engine: 'builtin', style: 'watercolor', width: 64, height: 64 });
    expect(Object.keys(rows[0]).sort()).toEqual(['engine', 'height', 'image', 'mime', 'mode', 'prompt', 'style', 'width']);
    const meta = await sharp(entries.get(rows[0].image)!).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    const all = [...entries.values()].map((b) => b.toString('latin1')).join('');
    expect(all).not.toContain(alice.id);
    expect(all).not.toContain(alice.email);
    expect(JSON.parse(entries.get('manifest.json')!.toString())).toMatchObject({ rows: 2, contributors: 1 });
  });

  it('leaves out a person from the next export once they withdraw consent', async () => {
    expect((await consent(alice, false)).statusCode).toBe(200);
    const { rows, entries } = await exportRows();
    expect(rows).toHaveLength(0);
    expect([...entries.keys()].filter((n) => n.startsWith('images/'))).toHaveLength(0);
    expect((await consent(alice, true)).statusCode).toBe(200); // and back in the one after
    expect((await exportRows()).rows).toHaveLength(2);
  });

  it('leaves out images the person moved to the trash', async () => {
    const { rows } = await exportRows();
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/assets?kind=generated', headers: { cookie: alice.cookie } });
    const id = list.json().items[0].id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/assets/${id}`, headers: alice.headers })).statusCode).toBe(204);
    expect((await exportRows()).rows).toHaveLength(rows.length - 1);
  });

  describe('"never use for training", with the person\'s consent on', () => {
    let carol: TestUser;
    let ids: string[];
    const carolRows = async () => (await exportRows()).rows.filter((r) => r.prompt.startsWith('carol'));
    const mark = (method: 'PUT' | 'DELETE', id: string, user = carol) =>
      t.app.inject({ method, url: `/api/v1/assets/${id}/no-training`, headers: user.headers });
    const markAlbum = (albumId: string, neverUseForTraining: boolean, user = carol) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/albums/${albumId}`, headers: user.headers, payload: { neverUseForTraining } });

    beforeAll(async () => {
      carol = await signUp(t.app);
      await generate(carol, 'carol paints a green field');
      expect((await consent(carol, true)).statusCode).toBe(200);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/assets?kind=generated', headers: { cookie: carol.cookie } });
      ids = list.json().items.map((a: any) => a.id);
      expect(ids).toHaveLength(2);
    });

    it('leaves out an image marked never to be used, and takes it again once the mark is cleared', async () => {
      expect(await carolRows()).toHaveLength(2);
      const marked = await mark('PUT', ids[0]!);
      expect(marked.statusCode).toBe(200);
      expect(marked.json()).toMatchObject({ id: ids[0], neverUseForTraining: true });
      expect((await t.app.inject({ url: `/api/v1/assets/${ids[1]}`, headers: { cookie: carol.cookie } })).json().neverUseForTraining).toBe(false);
      expect(await carolRows()).toHaveLength(1);
      expect((await mark('DELETE', ids[0]!)).json().neverUseForTraining).toBe(false);
      expect(await carolRows()).toHaveLength(2);
    });

    it('leaves out every image of an album marked never to be used, while the images themselves are unmarked', async () => {
      const album = (await t.app.inject({ method: 'POST', url: '/api/v1/albums', headers: carol.headers, payload: { name: 'Private studies' } })).json();
      expect(album.neverUseForTraining).toBe(false);
      await t.app.inject({ method: 'POST', url: `/api/v1/albums/${album.id}/assets`, headers: carol.headers, payload: { assetIds: ids } });
      expect(await carolRows()).toHaveLength(2); // an album without the mark changes nothing
      const res = await markAlbum(album.id, true);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: album.id, neverUseForTraining: true, name: 'Private studies' });
      expect(await carolRows()).toHaveLength(0);
      // The image's details say why, though its own mark is off.
      const details = (await t.app.inject({ url: `/api/v1/assets/${ids[1]}`, headers: { cookie: carol.cookie } })).json();
      expect(details).toMatchObject({ neverUseForTraining: false, inNeverTrainAlbum: true });
      // Out of the album, the image is back; the album's mark keeps the other one out.
      await t.app.inject({ method: 'DELETE', url: `/api/v1/albums/${album.id}/assets/${ids[1]}`, headers: carol.headers });
      expect(await carolRows()).toHaveLength(1);
      expect((await t.app.inject({ url: `/api/v1/assets/${ids[1]}`, headers: { cookie: carol.cookie } })).json().inNeverTrainAlbum).toBe(false);
      expect((await markAlbum(album.id, false)).json().neverUseForTraining).toBe(false);
      expect(await carolRows()).toHaveLength(2);
    });

    it('lets only the owner set the mark, with a library-scoped credential', async () => {
      const album = (await t.app.inject({ method: 'POST', url: '/api/v1/albums', headers: carol.headers, payload: { name: 'Mine' } })).json();
      expect((await mark('PUT', ids[0]!, bob)).statusCode).toBe(404);
      expect((await markAlbum(album.id, true, bob)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'PUT', url: `/api/v1/assets/${ids[0]}/no-training` })).statusCode).toBe(401);
      const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: carol.headers, payload: { name: 'images only', scopes: ['images'] } })).json();
      const bearer = { authorization: `Bearer ${token.token}` };
      expect((await t.app.inject({ method: 'PUT', url: `/api/v1/assets/${ids[0]}/no-training`, headers: bearer })).statusCode).toBe(403);
      expect((await markAlbum(album.id, 'yes' as never)).statusCode).toBe(400);
      expect(await carolRows()).toHaveLength(2);
    });

    it('carries the mark of an image to an edit made of it', async () => {
      expect((await mark('PUT', ids[0]!)).statusCode).toBe(200);
      const edit = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: carol.headers, payload: { assetId: ids[0], instruction: 'crop to 1:1' } });
      expect(edit.statusCode).toBe(202);
      const done = await waitForGeneration(t.app, carol, edit.json().id);
      expect(done.status).toBe('succeeded');
      const editedId = done.outputs[0].asset.id;
      expect((await t.app.inject({ url: `/api/v1/assets/${editedId}`, headers: { cookie: carol.cookie } })).json().neverUseForTraining).toBe(true);
      expect((await exportRows()).rows.filter((r) => r.mode === 'edit')).toHaveLength(0); // nobody else has edits
      expect((await mark('DELETE', ids[0]!)).statusCode).toBe(200);
    });
  });

  it('is refused, with no file written, where ATELIER_TRAINING_USE=never', async () => {
    const file = path.join(t.dataDir, 'never.zip');
    const { services } = t;
    const deps = { assets: new AssetRepository(services.db), blobs: services.blobs, consents: services.consents, clock: services.clock, privacy: { ...services.config.privacy, trainingUse: 'never' as const } };
    await expect(exportTrainingDataset(deps, file)).rejects.toBeInstanceOf(DatasetExportRefusedError);
    const errors: string[] = [];
    const code = await runDatasetCommand({ ...services.config, privacy: deps.privacy }, ['export', '--out', file], { log: () => undefined, error: (l) => errors.push(l) });
    expect(code).not.toBe(0);
    expect(errors.join('\n')).toContain('ATELIER_TRAINING_USE=never');
    expect(fs.existsSync(file)).toBe(false);
  });
});
