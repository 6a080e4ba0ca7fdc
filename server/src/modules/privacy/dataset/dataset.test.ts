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
