import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startServer, type RunningServer } from './support/server-process.js';

let dataDir: string;
let server: RunningServer | undefined;

// The server and studio are built once by e2e/support/global-build.ts.
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-'));
}, 180_000);

afterAll(async () => {
  await server?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ ATELIER_DATA_DIR: dataDir, ATELIER_JOB_LEASE_MS: '2000', ATELIER_WORKER_CONCURRENCY: '2' });

describe('Atelier as a new user meets it', () => {
  it('signs up, generates a set of 4, edits one, and finds everything in history and gallery', async () => {
    server = await startServer(env());
    const api = new ApiClient(server.url);
    const signup = await api.post('/api/v1/auth/signup', { email: 'new.person@example.test', password: 'a fine long password', name: 'New Person' });
    expect(signup.status).toBe(201);
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);

    const engines = (await api.get('/api/v1/engines')).json;
    expect(engines.items.map((e: any) => e.id)).toContain('builtin');

    const set = await api.post('/api/v1/generations', { prompt: 'a quiet harbour at dawn, pastel sky', size: '512x512', count: 4, style: 'pastel' });
    expect(set.status).toBe(202);
    const done = await api.waitForGeneration(set.json.id);
    expect(done.status).toBe('succeeded');
    expect(done.outputs.map((o: any) => o.asset.width)).toEqual([512, 512, 512, 512]);

    const img = await api.get(done.outputs[0].asset.urls.content);
    expect((await sharp(img.bytes).metadata()).format).toBe('jpeg');
    const thumb = await api.get(done.outputs[0].asset.urls.thumbnail);
    expect(thumb.headers.get('content-type')).toContain('image/webp');

    const edit = await api.post('/api/v1/edits', { assetId: done.outputs[1].asset.id, instruction: 'make it warmer and crop to 16:9' });
    expect(edit.status).toBe(202);
    const edited = await api.waitForGeneration(edit.json.id);
    expect(edited.status).toBe('succeeded');
    expect(edited.parentAssetId).toBe(done.outputs[1].asset.id);

    const history = (await api.get('/api/v1/generations')).json;
    expect(history.items.map((g: any) => g.id)).toEqual([edited.id, done.id]);
    const gallery = (await api.get('/api/v1/assets?limit=50')).json;
    expect(gallery.items).toHaveLength(5);
    expect(gallery.items.filter((a: any) => a.kind === 'edited')).toHaveLength(1);
    // Nothing is stored in the clear: the blob files do not contain the JPEG signature.
    const blobFiles = listFiles(path.join(dataDir, 'blobs'));
    expect(blobFiles.length).toBeGreaterThanOrEqual(5);
    for (const f of blobFiles) expect(fs.readFileSync(f).includes(Buffer.from('JFIF'))).toBe(false);
  });

  it('survives SIGKILL with 20 jobs in flight: every job finishes with exactly its outputs', async () => {
    const api = new ApiClient(server!.url);
    await api.post('/api/v1/auth/login', { email: 'new.person@example.test', password: 'a fine long password' });
    const before = (await api.get('/api/v1/assets?limit=200')).json.items.length;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.post('/api/v1/generations', { prompt: `crash test ${i} mountains under stars`, size: '1024x1024', count: 3, seed: i });
      expect(res.status).toBe(202);
      ids.push(res.json.id);
    }
    // Wait until work is under way but far from done, then kill the process without warning.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const list = (await api.get('/api/v1/generations?limit=100')).json.items.filter((g: any) => ids.includes(g.id));
      const started = list.filter((g: any) => g.status !== 'queued').length;
      if (started >= 2) break;
      if (Date.now() > deadline) throw new Error('no job started');
      await new Promise((r) => setTimeout(r, 20));
    }
    await server!.kill('SIGKILL');
    const stoppedEarly = await new ApiClient(server!.url).get('/healthz').then(() => false, () => true);
    expect(stoppedEarly).toBe(true);

    server = await startServer(env());
    api.baseUrl = server.url;
    const finished = [];
    for (const id of ids) finished.push(await api.waitForGeneration(id, 120_000));
    for (const g of finished) {
      expect(g.status, g.id).toBe('succeeded');
      expect(g.outputs.map((o: any) => o.index)).toEqual([0, 1, 2]);
      expect(new Set(g.outputs.map((o: any) => o.asset.id)).size).toBe(3);
    }
    const after = (await api.get('/api/v1/assets?limit=200')).json.items;
    expect(after.length - before).toBe(60);
    const perGeneration = new Map<string, number>();
    for (const a of after) if (ids.includes(a.generationId)) perGeneration.set(a.generationId, (perGeneration.get(a.generationId) ?? 0) + 1);
    expect([...perGeneration.values()].every((n) => n === 3)).toBe(true);
    expect(perGeneration.size).toBe(20);
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
