import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../lib/ids.js';
import { GENERATION_JOB } from './service.js';
import { multipart } from '../assets/test-fixtures.js';
import { createTestApp, signUp, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await signUp(t.app);
  bob = await signUp(t.app);
});
afterAll(() => t.close());

async function generate(user: TestUser, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload });
}

async function upload(user: TestUser, png: Buffer) {
  const form = multipart({ data: png, filename: 'ref.png', contentType: 'image/png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...form.headers }, payload: form.payload });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('generations', () => {
  it('accepts a set, runs it durably and stores every image as a generated asset', async () => {
    const res = await generate(alice, { prompt: 'a calm ocean at sunset', size: '64x64', count: 4, seed: 42, style: 'watercolor' });
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(queued.status).toBe('queued');
    expect(res.headers.location).toBe(`/api/v1/generations/${queued.id}`);
    const g = await waitForGeneration(t.app, alice, queued.id);
    expect(g.status).toBe('succeeded');
    expect(g.outputs).toHaveLength(4);
    expect(g.outputs.map((o: any) => o.index)).toEqual([0, 1, 2, 3]);
    // Outputs up to 128×128 are drawn by the engine's small path, as PNG.
    for (const o of g.outputs) expect(o.asset).toMatchObject({ width: 64, height: 64, mime: 'image/png' });
    expect(g.params).toMatchObject({ seed: 42, resolvedSeed: 42, count: 4, style: 'watercolor', width: 64, height: 64 });
    expect(g.startedAt).not.toBeNull();
    expect(g.finishedAt).not.toBeNull();
    const content = await t.app.inject({ method: 'GET', url: g.outputs[0].asset.urls.content, headers: { cookie: alice.cookie } });
    const meta = await sharp(content.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    expect(content.rawPayload.toString('latin1')).toContain('digitalsourcetype/algorithmicMedia'); // procedural, not a trained model
    // Prompts are not embedded by default.
    expect(content.rawPayload.toString('latin1')).not.toContain('calm ocean');
  });

  it('embeds the prompt in the stored images of a person who chose it, as the job starts', async () => {
    const carol = await signUp(t.app);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: carol.headers, payload: { preferences: { embedPromptInImages: true } } });
    expect(patch.statusCode).toBe(200);
    const g = await waitForGeneration(t.app, carol, (await generate(carol, { prompt: 'a quiet harbour in fog', size: '64x64' })).json().id);
    expect(g.status).toBe('succeeded');
    const content = await t.app.inject({ method: 'GET', url: g.outputs[0].asset.urls.content, headers: { cookie: carol.cookie } });
    expect(content.rawPayload.toString('latin1')).toContain('a quiet harbour in fog');
  });

  it('is deterministic: the same prompt, seed and size give identical pixels', async () => {
    const a = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'neon city', size: '96x64', seed: 7 })).json().id);
    const b = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'neon city', size: '96x64', seed: 7 })).json().id);
    const get = (g: any) => t.app.inject({ method: 'GET', url: g.outputs[0].asset.urls.content, headers: { cookie: alice.cookie } });
    const [ra, rb] = await Promise.all([get(a), get(b)]);
    // Stored files differ only in their provenance timestamp; the pixels are the same.
    const [pa, pb] = await Promise.all([sharp(ra.rawPayload).raw().toBuffer(), sharp(rb.rawPayload).raw().toBuffer()]);
    expect(pa.equals(pb)).toBe(true);
    const c = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'neon city', size: '96x64', seed: 8 })).json().id);
    const pc = await sharp((await get(c)).rawPayload).raw().toBuffer();
    expect(pc.equals(pa)).toBe(false);
  });

  it('validates input with messages that name the field', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /prompt is required/],
      [{ prompt: 'x', count: 16 }, /count/],
      [{ prompt: 'x', size: 'huge' }, /size/],
      [{ prompt: 'x', size: '99999x99999' }, /./],
      [{ prompt: 'x', style: 'baroque-nonsense' }, /Unknown style/],
      [{ prompt: 'x', engine: 'nope' }, /Unknown engine/],
      [{ prompt: 'x', references: Array(11).fill('a') }, /references/],
      [{ prompt: 'x', extra: true }, /./],
      [{ prompt: '   ' }, /prompt/],
    ];
    for (const [payload, message] of cases) {
      const res = await generate(alice, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message, JSON.stringify(payload)).toMatch(message);
    }
  });

  it('keeps references private: another user cannot use my asset as a reference', async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c02020' } }).png().toBuffer();
    const ref = await upload(alice, png);
    const theft = await generate(bob, { prompt: 'steal', size: '64x64', references: [ref.id] });
    expect(theft.statusCode).toBe(404);
    const mine = await generate(alice, { prompt: 'a red landscape', size: '64x64', references: [ref.id] });
    expect(mine.statusCode).toBe(202);
    expect((await waitForGeneration(t.app, alice, mine.json().id)).status).toBe('succeeded');
  });

  it('answers 404 for another user\'s generation on every route', async () => {
    const g = (await generate(alice, { prompt: 'mine only', size: '64x64' })).json();
    for (const [method, url] of [['GET', ''], ['GET', '/events'], ['POST', '/cancel'], ['POST', '/rerun']] as const) {
      const res = await t.app.inject({ method, url: `/api/v1/generations/${g.id}${url}`, headers: bob.headers });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('lists history newest first with keyset pagination, filters and prompt search', async () => {
    const u = await signUp(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await generate(u, { prompt: `history item ${i} ${i % 2 ? 'forest' : 'desert'}`, size: '64x64' })).json().id);
    for (const id of ids) await waitForGeneration(t.app, u, id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { json(): any } = await t.app.inject({ method: 'GET', url: `/api/v1/generations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: { cookie: u.cookie } });
      const page: { items: any[]; nextCursor: string | null } = res.json();
      seen.push(...page.items.map((g: any) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const forest = (await t.app.inject({ method: 'GET', url: '/api/v1/generations?q=FOREST', headers: { cookie: u.cookie } })).json();
    expect(forest.items).toHaveLength(2);
    const done = (await t.app.inject({ method: 'GET', url: '/api/v1/generations?status=succeeded&engine=builtin', headers: { cookie: u.cookie } })).json();
    expect(done.items).toHaveLength(5);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/generations?cursor=garbage', headers: { cookie: u.cookie } });
    expect(bad.statusCode).toBe(400);
  });

  it('reruns with the same parameters as a new generation', async () => {
    // A size written loosely is stored the way it is shown everywhere else.
    const first = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'rerun me', size: '064X64', count: 2, seed: 5 })).json().id);
    expect(first.params.size).toBe('64x64');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${first.id}/rerun`, headers: alice.headers });
    expect(res.statusCode).toBe(202);
    const second = await waitForGeneration(t.app, alice, res.json().id);
    expect(second.id).not.toBe(first.id);
    expect(second.prompt).toBe('rerun me');
    expect(second.params).toMatchObject({ count: 2, seed: 5, size: '64x64' });
  });

  it('edits by instruction into a new asset linked to its parent, leaving the original unchanged', async () => {
    const src = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'mountains', size: '160x90', seed: 1 })).json().id);
    const parent = src.outputs[0].asset;
    const before = await t.app.inject({ method: 'GET', url: parent.urls.content, headers: { cookie: alice.cookie } });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId: parent.id, instruction: 'rotate 90 degrees and make it brighter' } });
    expect(res.statusCode).toBe(202);
    const edit = await waitForGeneration(t.app, alice, res.json().id);
    expect(edit).toMatchObject({ mode: 'edit', status: 'succeeded', parentAssetId: parent.id });
    expect(edit.outputs[0].asset).toMatchObject({ width: 90, height: 160 });
    const asset = (await t.app.inject({ method: 'GET', url: `/api/v1/assets/${edit.outputs[0].asset.id}`, headers: { cookie: alice.cookie } })).json();
    expect(asset).toMatchObject({ kind: 'edited', parentId: parent.id });
    const after = await t.app.inject({ method: 'GET', url: parent.urls.content, headers: { cookie: alice.cookie } });
    expect(after.headers.etag).toBe(before.headers.etag);
  });

  it('answers every field of a generation, as the OpenAPI document describes it', async () => {
    const src = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'a windmill', size: '64x64', seed: 3 })).json().id);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId: src.outputs[0].asset.id, instruction: 'sepia and a border' } });
    const edit = await waitForGeneration(t.app, alice, res.json().id);
    // The response schema serialises the answer: a field it did not declare would be dropped silently.
    const served = [edit, src, (await t.app.inject({ method: 'GET', url: '/api/v1/generations?limit=2', headers: { cookie: alice.cookie } })).json().items[0]];
    for (const answer of served) {
      expect(answer).toEqual(JSON.parse(JSON.stringify(await t.services.generations.get(alice.id, answer.id))));
    }
    expect(edit.params).toMatchObject({ instruction: 'sepia and a border', sourceAssetId: src.outputs[0].asset.id });
    expect(edit.params.operations.map((o: { op: string }) => o.op)).toEqual(['sepia', 'border']);
    const doc = (await t.app.inject('/api/docs/json')).json();
    const documented = doc.paths['/api/v1/generations/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(documented.properties).sort()).toEqual(Object.keys({ ...edit, error: null, workflowRun: null }).sort());
  });

  it('edits with structured operations and refuses an instruction it cannot map, listing what it understands', async () => {
    const src = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'flowers', size: '128x128' })).json().id);
    const assetId = src.outputs[0].asset.id;
    const ops = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId, operations: [{ op: 'crop', aspect: '16:9' }] } });
    expect(ops.statusCode).toBe(202);
    const done = await waitForGeneration(t.app, alice, ops.json().id);
    const { width, height } = done.outputs[0].asset;
    expect(Math.abs(width / height - 16 / 9)).toBeLessThan(0.05);
    const nonsense = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: alice.headers, payload: { assetId, instruction: 'make the cat sing opera' } });
    expect(nonsense.statusCode).toBe(400);
    expect(nonsense.json().error.code).toBe('INVALID_INSTRUCTION');
    expect(nonsense.json().error.details.understood.length).toBeGreaterThan(5);
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: bob.headers, payload: { assetId, instruction: 'brighter' } });
    expect(other.statusCode).toBe(404);
  });

  it('cancels a queued generation', async () => {
    const u = await signUp(t.app);
    // Stop the workers from picking it up by filling them with large work first is racy; cancel right away instead.
    const g = (await generate(u, { prompt: 'cancel me', size: '2048x2048', count: 15 })).json();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${g.id}/cancel`, headers: u.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('canceled');
    await new Promise((r) => setTimeout(r, 300));
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/generations/${g.id}`, headers: { cookie: u.cookie } })).json();
    expect(after.status).toBe('canceled');
    expect(after.outputs.filter((o: any) => o.asset).length).toBeLessThan(15);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${g.id}/cancel`, headers: u.headers });
    expect(again.statusCode).toBe(409);
  });

  it('streams status and each image over Server-Sent Events', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const g = (await generate(alice, { prompt: 'streamed stars', size: '64x64', count: 3 })).json();
    const port = (t.app.server.address() as AddressInfo).port;
    const text = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/api/v1/generations/${g.id}/events`, headers: { cookie: alice.cookie } }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (buf += c));
        res.on('end', () => resolve(buf));
      }).on('error', reject);
    });
    expect(address).toContain('127.0.0.1');
    const events = text.split('\n\n').filter((b) => b.startsWith('event:')).map((b) => ({
      event: b.split('\n')[0]!.slice(7), data: JSON.parse(b.split('\n')[1]!.slice(6)),
    }));
    expect(events[0]!.event).toBe('generation');
    const last = events[events.length - 1]!;
    expect(last.event).toBe('generation');
    expect(last.data.status).toBe('succeeded');
    // Every image is announced unless it was already stored before the stream opened (then it is in the snapshot).
    const announced = new Set(events.filter((e) => e.event === 'image').map((e) => e.data.index));
    const inFirst = new Set(events[0]!.data.outputs.filter((o: any) => o.asset).map((o: any) => o.index));
    for (const i of [0, 1, 2]) expect(announced.has(i) || inFirst.has(i)).toBe(true);
  });

  it('announces the end again when the job of an ended generation runs again (its worker died before announcing it)', async () => {
    const g = await waitForGeneration(t.app, alice, (await generate(alice, { prompt: 'a second telling', size: '64x64' })).json().id);
    expect(g.status).toBe('succeeded');
    const heard: unknown[] = [];
    const unsubscribe = await t.services.events.subscribe(g.id, (e) => void heard.push(e));
    try {
      await t.services.queue.enqueue({ id: newId(), kind: GENERATION_JOB, subjectId: g.id, userId: alice.id, cost: 1 });
      await vi.waitFor(() => expect(heard).toEqual([{ type: 'status', status: 'succeeded' }]), { timeout: 10_000 });
      expect((await t.app.inject({ url: `/api/v1/generations/${g.id}`, headers: { cookie: alice.cookie } })).json().outputs).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });

  it('lists engines with their capabilities', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/engines', headers: { cookie: alice.cookie } });
    const builtin = res.json().items.find((e: any) => e.id === 'builtin');
    expect(builtin).toMatchObject({ neural: false, maxOutputs: 15, maxReferences: 10, seed: true, modes: ['generate', 'edit'] });
    expect(builtin.styles.length).toBeGreaterThanOrEqual(8);
    // Served through the response schema: every capability an engine describes reaches the client.
    expect(res.json()).toEqual({ default: t.services.engines.defaultId, items: JSON.parse(JSON.stringify(t.services.engines.list())) });
  });
});
