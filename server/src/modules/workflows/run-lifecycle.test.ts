import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, tempDir, type TestApp, type TestUser } from '../../test-support/harness.js';
import { testCatalog, withPlans } from '../billing/test-fixtures.js';
import { withModeration } from '../moderation/test-fixtures.js';
import { GenerationRepository } from '../generations/repository.js';
import { GenerationRunner } from '../generations/runner.js';
import { GENERATION_JOB } from '../generations/service.js';
import { WorkflowRepository } from './repository.js';
import { WorkflowRunner } from './runner.js';
import { WORKFLOW_JOB } from './service.js';

const apps: TestApp[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** An app whose queue runs nothing by itself: the test takes the run's job by hand. */
async function stillApp(config = {}, dataDir?: string): Promise<TestApp> {
  const app = await createTestApp({ dataDir, config: { workerConcurrency: 0, ...config } });
  apps.push(app);
  return app;
}

const call = (t: TestApp, user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: method === 'GET' ? { cookie: user.cookie } : user.headers, ...(payload ? { payload } : {}) });

/** One attempt of the run's job, as a worker would take it. */
async function takeJob(t: TestApp, runId: string, userId: string): Promise<void> {
  const s = t.services;
  const runner = new WorkflowRunner(s.db, new WorkflowRepository(s.db), s.workflows, s.generations, s.albums, s.jobOutbox, s.clock);
  await runner.run({ job: { id: `test-${runId}`, kind: WORKFLOW_JOB, subjectId: runId, userId, attempts: 1, maxAttempts: 3 }, signal: new AbortController().signal });
}

const twoSteps = { name: 'Two', variables: [{ name: 'prompt' }], steps: [
  { kind: 'generate', prompt: '{{prompt}}', size: '64x64' }, { kind: 'operations', operations: [{ op: 'flip', direction: 'horizontal' }] },
] };

describe('a workflow run on the queue', () => {
  it('cancels between steps: the generation in flight is canceled and no later step starts', async () => {
    const t = await stillApp();
    const alice = await signUp(t.app);
    const wf = (await call(t, alice, 'POST', '/workflows', twoSteps)).json();
    const run = (await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a lantern' } })).json();
    await takeJob(t, run.id, alice.id);
    const running = (await call(t, alice, 'GET', `/workflow-runs/${run.id}`)).json();
    expect(running.status).toBe('running');
    expect(running.steps.map((s: any) => s.status)).toEqual(['running', 'pending']);
    const generationId = running.steps[0].generationId;
    expect((await call(t, alice, 'GET', `/generations/${generationId}`)).json().status).toBe('queued');

    const canceled = await call(t, alice, 'POST', `/workflow-runs/${run.id}/cancel`);
    expect(canceled.statusCode).toBe(200);
    expect(canceled.json()).toMatchObject({ status: 'canceled', steps: [{ status: 'canceled' }, { status: 'pending' }] });
    expect((await call(t, alice, 'GET', `/generations/${generationId}`)).json().status).toBe('canceled');
    // A job of the run that still comes does nothing.
    await takeJob(t, run.id, alice.id);
    expect((await call(t, alice, 'GET', `/workflow-runs/${run.id}`)).json().steps[1].status).toBe('pending');
  });

  it('fails the run at its step when that step\'s generation is canceled on its own (from History)', async () => {
    const t = await stillApp();
    const alice = await signUp(t.app);
    const wf = (await call(t, alice, 'POST', '/workflows', twoSteps)).json();
    const run = (await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a kettle' } })).json();
    const jobsOfRun = async () => {
      const db = t.services.db;
      const queued = await db.selectFrom('jobs').select('id').where('subject_id', '=', run.id).execute();
      const waiting = await db.selectFrom('job_outbox').select('id').where('subject_id', '=', run.id).execute();
      return queued.length + waiting.length;
    };
    const before = await jobsOfRun();
    expect((await call(t, alice, 'POST', `/generations/${run.steps[0].generationId}/cancel`)).statusCode).toBe(200);
    // The cancel hands the run a job of its own, which finds the step's generation canceled.
    expect(await jobsOfRun()).toBe(before + 1);
    await takeJob(t, run.id, alice.id);
    const failed = (await call(t, alice, 'GET', `/workflow-runs/${run.id}`)).json();
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'CANCELED', step: 0 }, steps: [{ status: 'failed' }, { status: 'pending' }] });
  });

  it('survives a restart: a run stopped in its first step finishes in the next process', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await stillApp({}, dataDir);
    const alice = await signUp(first.app);
    const wf = (await call(first, alice, 'POST', '/workflows', twoSteps)).json();
    const run = (await call(first, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a comet' } })).json();
    await takeJob(first, run.id, alice.id);
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const second = await createTestApp({ dataDir, config: { workerConcurrency: 2 } });
    apps.push(second);
    let state: any;
    for (let i = 0; i < 600; i++) {
      state = (await call(second, alice, 'GET', `/workflow-runs/${run.id}`)).json();
      if (!['queued', 'running'].includes(state.status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(state.status).toBe('succeeded');
    expect(state.steps.map((s: any) => s.assets.length)).toEqual([1, 1]);
  });

  it('refuses a run whose prompt or instruction the policy refuses, and stores no run', async () => {
    const t = await stillApp(withModeration());
    const alice = await signUp(t.app);
    const wf = (await call(t, alice, 'POST', '/workflows', { name: 'x', variables: [{ name: 'prompt' }, { name: 'change', default: 'make it black and white' }], steps: [
      { kind: 'generate', prompt: '{{prompt}}', size: '64x64' }, { kind: 'edit', instruction: '{{change}}' },
    ] })).json();
    const refused = await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a nude figure' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'PROMPT_REFUSED', details: { step: 0 } });
    const instruction = await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a tree', change: 'add gore' } });
    expect(instruction.statusCode).toBe(422);
    expect(instruction.json().error).toMatchObject({ code: 'PROMPT_REFUSED', details: { step: 1 } });
    expect((await call(t, alice, 'GET', '/workflow-runs')).json().items).toEqual([]);
    expect((await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a tree' } })).statusCode).toBe(202);
  });

  it('takes credits as any generation does: a run past the balance is refused with 402 naming the step', async () => {
    const t = await stillApp(withPlans(testCatalog()));
    const alice = await signUp(t.app);
    for (let i = 0; i < 2; i++) expect((await call(t, alice, 'POST', '/generations', { prompt: 'fog', size: '64x64', count: 4 })).statusCode).toBe(202);
    const wf = (await call(t, alice, 'POST', '/workflows', { name: 'x', steps: [{ kind: 'generate', prompt: 'fog', size: '64x64', count: 4 }] })).json();
    const refused = await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, {});
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { step: 0 } });
    expect((await call(t, alice, 'GET', '/workflow-runs')).json().items).toEqual([]);
  });

  it('keeps going under the plan\'s concurrency limit: a later step takes the slot of the step before it', async () => {
    const t = await stillApp(withPlans(testCatalog({ maxConcurrentJobs: 1 })));
    const alice = await signUp(t.app);
    const wf = (await call(t, alice, 'POST', '/workflows', twoSteps)).json();
    const run = (await call(t, alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a harbour' } })).json();
    await takeJob(t, run.id, alice.id);
    const first = (await call(t, alice, 'GET', `/workflow-runs/${run.id}`)).json().steps[0].generationId;
    const s = t.services;
    await new GenerationRunner(new GenerationRepository(s.db), s.assets, s.engines, s.events, s.clock, s.metrics).run({
      job: { id: `test-${first}`, kind: GENERATION_JOB, subjectId: first, userId: alice.id, attempts: 1, maxAttempts: 3 }, signal: new AbortController().signal,
    });
    // Between the steps the person starts something else, which takes the plan's one slot.
    expect((await call(t, alice, 'POST', '/generations', { prompt: 'rain', size: '64x64' })).statusCode).toBe(202);

    await takeJob(t, run.id, alice.id);
    const state = (await call(t, alice, 'GET', `/workflow-runs/${run.id}`)).json();
    expect(state).toMatchObject({ status: 'running', steps: [{ status: 'succeeded' }, { status: 'running' }] });
  });
});
