import { afterAll, describe, expect, it } from 'vitest';
import { multipart } from '../assets/test-fixtures.js';
import { testCatalog, withPlans } from '../billing/test-fixtures.js';
import { GenerationRepository } from '../generations/repository.js';
import { GenerationRunner } from '../generations/runner.js';
import { GENERATION_JOB } from '../generations/service.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { NO_RATE_LIMITS } from '../limits/test-fixtures.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
});

/** An app whose queue runs nothing by itself: each generation is run by hand, its end hooks told as a worker tells them. */
async function stillApp(config = {}): Promise<TestApp> {
  const app = await createTestApp({ config: { workerConcurrency: 0, ...config } });
  apps.push(app);
  return app;
}


const csv = (rows: number) => `prompt,size\n${Array.from({ length: rows }, (_, i) => `row ${i + 1},64x64\n`).join('')}`;

async function postBatch(t: TestApp, user: TestUser, text: string) {
  const form = multipart({ data: Buffer.from(text), filename: 'rows.csv', contentType: 'text/csv' });
  return t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...user.headers, ...form.headers }, payload: form.payload });
}

const dbOf = (t: TestApp) => t.services.db;

const getBatch = async (t: TestApp, user: TestUser, id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/batches/${id}`, headers: { cookie: user.cookie } })).json();

const active = (t: TestApp, userId: string) => t.services.db.selectFrom('generations').select('id')
  .where('user_id', '=', userId).where('status', 'in', ['queued', 'running']).orderBy('id').execute();

describe('a batch within the plan and the rate limit', () => {
  it('is accepted past the plan\'s concurrency: its rows wait and go two at a time, and it completes', async () => {
    const t = await stillApp(withPlans(testCatalog({ maxConcurrentJobs: 2, monthlyCredits: 50 }), NO_RATE_LIMITS));
    const person = await signUp(t.app);
    const res = await postBatch(t, person, csv(9));
    expect(res.statusCode).toBe(201);
    expect(res.json().counts).toMatchObject({ queued: 2, waiting: 7 });
    expect(res.json().rows.slice(0, 3).map((r: any) => r.status)).toEqual(['queued', 'queued', 'waiting']);
    expect(res.json().status).toBe('queued');
    // A waiting row keeps its fields (its prompt) until its release; the generation holds them from then on.
    const stored = await dbOf(t).selectFrom('batch_rows').select(['row_number', 'input']).where('batch_id', '=', res.json().id).orderBy('row_number').execute();
    expect(stored.slice(0, 3).map((r) => r.input && JSON.parse(r.input))).toEqual([null, null, { prompt: 'row 3', size: '64x64' }]);

    const s = t.services;
    const runner = new GenerationRunner(new GenerationRepository(s.db), s.assets, s.engines, s.events, s.clock, s.metrics, {
      onEnded: (g, status) => s.endHooks.run(g, status),
    });
    for (let runs = 0; ; runs++) {
      const now = await active(t, person.id);
      expect(now.length).toBeLessThanOrEqual(2);
      if (now.length === 0) break;
      expect(runs).toBeLessThan(9);
      const job = { id: `test-${now[0]!.id}`, kind: GENERATION_JOB, subjectId: now[0]!.id, userId: person.id, attempts: 1, maxAttempts: 3 };
      await runner.run({ job, signal: new AbortController().signal });
    }
    const done = await getBatch(t, person, res.json().id);
    expect(done.status).toBe('succeeded');
    expect(done.counts).toMatchObject({ succeeded: 9, waiting: 0 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/billing', headers: { cookie: person.cookie } })).json().balance).toBe(41);
  });

  it('is refused up front, with nothing stored, when its whole cost exceeds the balance', async () => {
    const t = await stillApp(withPlans(testCatalog({ maxConcurrentJobs: 2 }), NO_RATE_LIMITS));
    const person = await signUp(t.app);
    const res = await postBatch(t, person, csv(11));
    expect(res.statusCode).toBe(402);
    expect(res.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { cost: 11, balance: 10 } });
    expect(res.json().error.message).toMatch(/^This batch costs 11 credits and you have 10\./);
    expect(await dbOf(t).selectFrom('batches').selectAll().where('user_id', '=', person.id).execute()).toEqual([]);
    expect(await dbOf(t).selectFrom('generations').selectAll().where('user_id', '=', person.id).execute()).toEqual([]);
    expect(await dbOf(t).selectFrom('credit_ledger').selectAll().where('user_id', '=', person.id).where('kind', '=', 'reserve').execute()).toEqual([]);
  });

  it('counts its rows against the generation rate limit: what the limit leaves waits, and the studio is limited too', async () => {
    const t = await stillApp({ billing: { rateLimits: { ...NO_RATE_LIMITS, generationsPerMinute: 3 } } });
    const person = await signUp(t.app);
    const res = await postBatch(t, person, csv(5));
    expect(res.statusCode).toBe(201);
    // The request took one token, two rows the others.
    expect(res.json().counts).toMatchObject({ queued: 2, waiting: 3 });
    const studio = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers, payload: { prompt: 'a kite', size: '64x64' } });
    expect(studio.statusCode).toBe(429);
    // A feed finds no token left: the rows keep waiting.
    await t.services.batches.feedAll();
    expect((await getBatch(t, person, res.json().id)).counts.waiting).toBe(3);
  });

  it('shows rows waiting in a canceled batch as canceled, and never releases them', async () => {
    const t = await stillApp(withPlans(testCatalog({ maxConcurrentJobs: 1 }), NO_RATE_LIMITS));
    const person = await signUp(t.app);
    const id = (await postBatch(t, person, csv(3))).json().id;
    const canceled = (await t.app.inject({ method: 'POST', url: `/api/v1/batches/${id}/cancel`, headers: person.headers })).json();
    expect(canceled.rows.map((r: any) => r.status)).toEqual(['canceled', 'canceled', 'canceled']);
    await t.services.batches.feedAll();
    expect(await active(t, person.id)).toEqual([]);
  });
});
