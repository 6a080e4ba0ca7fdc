import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { multipart } from '../assets/test-fixtures.js';
import { appForFile, createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { readZip } from '../../test-support/zip.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

async function postBatch(app: TestApp['app'], user: TestUser, text: string, filename = 'prompts.csv') {
  const form = multipart({ data: Buffer.from(text), filename, contentType: 'text/csv' });
  return app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...user.headers, ...form.headers }, payload: form.payload });
}

async function waitForBatch(user: TestUser, id: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const b = (await t.app.inject({ method: 'GET', url: `/api/v1/batches/${id}`, headers: { cookie: user.cookie } })).json();
    if (!['queued', 'running'].includes(b.status)) return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`batch ${id} did not finish`);
}

const generationCount = async (user: TestUser) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/generations?limit=100', headers: { cookie: user.cookie } })).json().items.length;

describe('batches', () => {
  it('makes one generation per CSV row, reports progress per row, and zips the images named by row', async () => {
    const csv = 'prompt,size,count,seed\n"a red fox, in snow",64x64,1,7\na blue whale,64x64,2,\n\n"a quoted\nprompt ""here""",64x64,,3\n';
    const res = await postBatch(t.app, alice, csv);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(res.headers.location).toBe(`/api/v1/batches/${created.id}`);
    expect(created.rowCount).toBe(3);
    expect(created.rows.map((r: any) => [r.row, r.line])).toEqual([[1, 2], [2, 3], [3, 5]]);

    const done = await waitForBatch(alice, created.id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.counts.succeeded).toBe(3);
    const second = (await t.app.inject({ method: 'GET', url: `/api/v1/generations/${done.rows[1].generationId}`, headers: { cookie: alice.cookie } })).json();
    expect(second).toMatchObject({ prompt: 'a blue whale', params: { count: 2, size: '64x64' } });
    const third = (await t.app.inject({ method: 'GET', url: `/api/v1/generations/${done.rows[2].generationId}`, headers: { cookie: alice.cookie } })).json();
    expect(third.prompt).toBe('a quoted\nprompt "here"');

    const zip = await t.app.inject({ method: 'GET', url: `/api/v1/batches/${created.id}/archive`, headers: { cookie: alice.cookie } });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = await readZip(zip.rawPayload);
    expect([...entries.keys()]).toEqual(['row-0001.png', 'row-0002-1.png', 'row-0002-2.png', 'row-0003.png']);
    expect((await sharp(entries.get('row-0001.png')!).metadata()).width).toBe(64);

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/batches', headers: { cookie: alice.cookie } })).json();
    expect(list.items[0]).toMatchObject({ id: created.id, status: 'succeeded', rowCount: 3, fileName: 'prompts.csv' });
  });

  it('reads JSONL, and a bearer token with the images scope may start a batch', async () => {
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: alice.headers, payload: { name: 'script', scopes: ['images'] } })).json().token;
    const form = multipart({ data: Buffer.from('{"prompt":"a lighthouse","size":"64x64"}\n{"prompt":"a harbour","size":"64x64","seed":5}\n'), filename: 'rows.jsonl', contentType: 'application/x-ndjson' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { authorization: `Bearer ${token}`, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(201);
    expect((await waitForBatch(alice, res.json().id)).status).toBe('succeeded');
  });

  it('refuses a file with a bad row, naming its line, and queues nothing', async () => {
    const before = await generationCount(bob);
    const res = await postBatch(t.app, bob, 'prompt,size,count\na cat,64x64,1\na dog,64x64,1\na bird,64x64,99\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { line: 4, field: 'count' } });
    expect(res.json().error.message).toMatch(/^Line 4: /);
    const styleRes = await postBatch(t.app, bob, 'prompt,style\na cat,\na dog,no-such-style\n');
    expect(styleRes.statusCode).toBe(400);
    expect(styleRes.json().error.message).toMatch(/^Line 3: Unknown style/);
    const missing = await postBatch(t.app, bob, 'size\n64x64\n');
    expect(missing.json().error.message).toMatch(/prompt/);
    expect(await generationCount(bob)).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/batches', headers: { cookie: bob.cookie } })).json().items).toEqual([]);
  });

  it('accepts 1,000 rows', async () => {
    // No workers: the released rows stay queued where they can be counted.
    const idle = await createTestApp({ config: { workerConcurrency: 0 } });
    try {
      const carol = await signUp(idle.app);
      const res = await postBatch(idle.app, carol, `prompt,size\n${'a cat,64x64\n'.repeat(1000)}`);
      expect(res.statusCode).toBe(201);
      const batch = res.json();
      expect(batch.rowCount).toBe(1000);
      expect(batch.rows).toHaveLength(1000);
      // No plan and no rate limit here: every row goes into the queue at once.
      expect(batch.counts).toMatchObject({ queued: 1000, waiting: 0 });
    } finally {
      await idle.close();
    }
  });

  it('refuses more than 1,000 rows', async () => {
    const res = await postBatch(t.app, bob, `prompt\n${'a cat\n'.repeat(1001)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/at most 1000 rows/);
  });

  it("answers 404 for another person's batch, on every route", async () => {
    const id = (await postBatch(t.app, alice, 'prompt,size\na pear,64x64\n')).json().id;
    await waitForBatch(alice, id);
    for (const [method, url] of [['GET', `/api/v1/batches/${id}`], ['POST', `/api/v1/batches/${id}/cancel`], ['GET', `/api/v1/batches/${id}/archive`]] as const) {
      const res = await t.app.inject({ method, url, headers: bob.headers });
      expect(res.statusCode).toBe(404);
    }
    const bobs = (await t.app.inject({ method: 'GET', url: '/api/v1/batches', headers: { cookie: bob.cookie } })).json().items;
    expect(bobs.map((b: any) => b.id)).not.toContain(id);
  });

  it('cancels every row not yet run', async () => {
    // No workers: the rows stay queued until canceled.
    const idle = await createTestApp({ config: { workerConcurrency: 0 } });
    try {
      const carol = await signUp(idle.app);
      const id = (await postBatch(idle.app, carol, 'prompt,size\none,64x64\ntwo,64x64\n')).json().id;
      const queued = (await idle.app.inject({ method: 'GET', url: `/api/v1/batches/${id}`, headers: { cookie: carol.cookie } })).json();
      expect(queued.status).toBe('queued');
      const res = await idle.app.inject({ method: 'POST', url: `/api/v1/batches/${id}/cancel`, headers: carol.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('canceled');
      expect(res.json().rows.map((r: any) => r.status)).toEqual(['canceled', 'canceled']);
      const again = await idle.app.inject({ method: 'POST', url: `/api/v1/batches/${id}/cancel`, headers: carol.headers });
      expect(again.statusCode).toBe(409);
    } finally {
      await idle.close();
    }
  });
});
