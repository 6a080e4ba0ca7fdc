import { afterAll, describe, expect, it } from 'vitest';
import { multipart } from '../assets/test-fixtures.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { WorkflowRepository } from '../workflows/repository.js';
import { WorkflowRunner } from '../workflows/runner.js';
import { WORKFLOW_JOB } from '../workflows/service.js';
import { GenerationRepository } from './repository.js';
import { GenerationRunner } from './runner.js';
import { GENERATION_JOB } from './service.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
});

const call = (t: TestApp, user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: method === 'GET' ? { cookie: user.cookie } : user.headers, ...(payload ? { payload } : {}) });

const job = (kind: string, subjectId: string, userId: string) =>
  ({ job: { id: `test-${subjectId}`, kind, subjectId, userId, attempts: 1, maxAttempts: 3 }, signal: new AbortController().signal });

/** Runs a generation to its end as a worker that dies right after ending it would: its end hooks are never told. */
async function runThenDie(t: TestApp, generationId: string, userId: string): Promise<void> {
  const s = t.services;
  const runner = new GenerationRunner(new GenerationRepository(s.db), s.assets, s.engines, s.events, s.clock, s.metrics);
  await runner.run(job(GENERATION_JOB, generationId, userId));
}

describe("a generation's end hooks after a crash", () => {
  it('are owed from its end: the sweep queues its webhooks, completes its batch and advances its workflow run, once', async () => {
    // No workers: each job is taken by hand.
    const t = await createTestApp({ config: { workerConcurrency: 0, webhookAllowPrivate: true } });
    apps.push(t);
    const person = await signUp(t.app);
    const db = t.services.db;
    expect((await call(t, person, 'POST', '/me/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['generation.succeeded', 'batch.completed'] })).statusCode).toBe(201);
    const form = multipart({ data: Buffer.from('prompt,size\na pear,64x64\n'), filename: 'one.csv', contentType: 'text/csv' });
    const batch = (await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...person.headers, ...form.headers }, payload: form.payload })).json();
    const wf = (await call(t, person, 'POST', '/workflows', { name: 'Two', steps: [
      { kind: 'generate', prompt: 'a plum', size: '64x64' }, { kind: 'operations', operations: [{ op: 'flip', direction: 'horizontal' }] },
    ] })).json();
    const run = (await call(t, person, 'POST', `/workflows/${wf.id}/runs`, {})).json();
    const batchRow = await db.selectFrom('batch_rows').select('generation_id').where('batch_id', '=', batch.id).executeTakeFirstOrThrow();
    const step = await db.selectFrom('workflow_run_steps').select('generation_id').where('run_id', '=', run.id).executeTakeFirstOrThrow();
    const ids = [batchRow.generation_id!, step.generation_id!];

    for (const id of ids) await runThenDie(t, id, person.id);
    const deliveries = () => db.selectFrom('webhook_deliveries').select(['event', 'payload']).where('user_id', '=', person.id).orderBy('event').execute();
    const batchRowOf = () => db.selectFrom('batches').select('completed_at').where('id', '=', batch.id).executeTakeFirstOrThrow();
    const runRow = () => db.selectFrom('workflow_runs').select(['current_step', 'status']).where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(await deliveries()).toEqual([]);
    expect((await batchRowOf()).completed_at).toBeNull();
    const owed = await db.selectFrom('generations').select('end_hooks_due').where('id', 'in', ids).execute();
    expect(owed.map((g) => g.end_hooks_due)).toEqual([1, 1]);

    // The sweep at a worker's start (no grace: the dead process is known dead here).
    expect(await t.services.endHooks.sweep(0)).toBe(2);
    const sent = await deliveries();
    expect(sent.map((d) => d.event)).toEqual(['batch.completed', 'generation.succeeded', 'generation.succeeded']);
    expect(sent.map((d) => JSON.parse(d.payload).data.id).sort()).toEqual([batch.id, ...ids].sort());
    expect((await batchRowOf()).completed_at).not.toBeNull();
    // The run's job, taken as a worker would, finds its first step done and starts the second.
    await new WorkflowRunner(db, new WorkflowRepository(db), t.services.workflows, t.services.generations, t.services.albums, t.services.jobOutbox, t.services.clock)
      .run(job(WORKFLOW_JOB, run.id, person.id));
    expect(await runRow()).toMatchObject({ current_step: 1, status: 'running' });

    // Nothing is owed any more, and telling the hooks again (a second sweeper) queues nothing twice.
    expect(await t.services.endHooks.sweep(0)).toBe(0);
    const again = await db.selectFrom('generations').selectAll().where('id', 'in', ids).execute();
    for (const g of again) await t.services.endHooks.run(g, 'succeeded');
    expect(await deliveries()).toHaveLength(3);
    expect(await runRow()).toMatchObject({ current_step: 1 });
  });
});
