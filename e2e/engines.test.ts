import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelArkStub } from '../server/src/test-support/stubs/modelark-stub.js';
import { ApiClient } from './support/api-client.js';
import { startServer, type RunningServer } from './support/server-process.js';
import { readEvents } from './support/sse.js';

const KEY = 'ark-e2e-key-71c0d2';

let dataDir: string;
let stub: ModelArkStub;
let server: RunningServer | undefined;

// The server is built once by e2e/support/global-build.ts.
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-engines-'));
  stub = await ModelArkStub.start({ apiKey: KEY });
});

afterAll(async () => {
  await server?.kill();
  await stub?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Indexes of the images the server announced (or already had) for a generation, in the order it told us. */
class ImageWatcher {
  readonly order: number[] = [];
  private waiters: Array<{ index: number; resolve: () => void }> = [];

  saw(index: number): void {
    if (this.order.includes(index)) return;
    this.order.push(index);
    for (const w of this.waiters.filter((w) => w.index === index)) w.resolve();
    this.waiters = this.waiters.filter((w) => w.index !== index);
  }

  until(index: number): Promise<void> {
    if (this.order.includes(index)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ index, resolve });
      setTimeout(() => reject(new Error(`image ${index} never reached the history`)), 30_000).unref();
    });
  }
}

function watchEvents(api: ApiClient, id: string, watcher: ImageWatcher): Promise<void> {
  return readEvents(`${api.baseUrl}/api/v1/generations/${id}/events`, api.cookieHeader(), (event, payload) => {
    if (event === 'image') watcher.saw(payload.index);
    if (event === 'generation') for (const o of payload.outputs) if (o.asset) watcher.saw(o.index);
  });
}

describe('Atelier configured with Seedream (against the ModelArk stub)', () => {
  it('streams a set of 6 made from 3 references into the history, one image at a time and in order', async () => {
    server = await startServer({
      ATELIER_DATA_DIR: dataDir, ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url,
      ATELIER_ENGINE_RETRY_BASE_MS: '10', ATELIER_ENGINE_RETRY_MAX_MS: '50',
    });
    expect(server.output()).not.toContain(KEY);
    const api = new ApiClient(server.url);
    expect((await api.post('/api/v1/auth/signup', { email: 'maker@example.test', password: 'a fine long password', name: 'Maker' })).status).toBe(201);
    const engines = (await api.get('/api/v1/engines')).json.items.map((e: any) => e.id);
    expect(engines).toEqual(['builtin', 'seedream']);

    const refs: string[] = [];
    for (const colour of ['#c04020', '#2060c0', '#20a040']) {
      const form = new FormData();
      const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: colour } }).png().toBuffer();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'ref.png');
      const up = await api.request('POST', '/api/v1/assets', form);
      expect(up.status).toBe(201);
      refs.push(up.json.id);
    }

    // The stub sends image i only once the server has stored image i-1 and announced it: a server that waited
    // for the whole set before storing anything would never finish.
    const watcher = new ImageWatcher();
    stub.script.push({ kind: 'success', beforeImage: (i) => (i === 0 ? Promise.resolve() : watcher.until(i - 1)) });
    const res = await api.post('/api/v1/generations', { engine: 'seedream', prompt: 'the same fox through six seasons', size: '1K', count: 6, references: refs });
    expect(res.status).toBe(202);
    const events = watchEvents(api, res.json.id, watcher);
    const done = await api.waitForGeneration(res.json.id);
    await events;

    expect(done.status).toBe('succeeded');
    expect(watcher.order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(done.outputs.map((o: any) => [o.index, o.asset.width])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i, 1024]));
    expect(done.model).toBe('seedream-4-0-250828');
    expect(done.usage.generated_images).toBe(6);
    const sent = stub.requests.at(-1)!.body;
    expect((sent.image as string[]).length).toBe(3);
    expect(sent.sequential_image_generation_options).toEqual({ max_images: 6 });

    const history = (await api.get('/api/v1/generations')).json.items;
    expect(history[0].id).toBe(done.id);
    expect(history[0].outputs.map((o: any) => o.asset.id)).toEqual(done.outputs.map((o: any) => o.asset.id));
    expect(server.output()).not.toContain(KEY);
    expect(server.output()).not.toContain('six seasons');
  });
});
