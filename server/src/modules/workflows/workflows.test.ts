import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { multipart } from '../assets/test-fixtures.js';
import { appForFile, waitForGeneration, type TestUser } from '../../test-support/harness.js';
import { readZip } from '../../test-support/zip.js';

const { t, people: [alice, bob] } = appForFile({ people: 2 });

const api = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: method === 'GET' ? { cookie: user.cookie } : user.headers, ...(payload ? { payload } : {}) });

async function waitForRun(user: TestUser, id: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const run = (await api(user, 'GET', `/workflow-runs/${id}`)).json();
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${id} did not end`);
}

const pipeline = (albumId: string) => ({
  name: 'Poster',
  variables: [{ name: 'prompt', label: 'Prompt' }, { name: 'caption', default: 'HELLO' }],
  steps: [
    { kind: 'generate', prompt: 'a poster of {{prompt}}', size: '64x64', seed: 3 },
    { kind: 'operations', operations: [{ op: 'grayscale' }, { op: 'text', text: '{{caption}}' }] },
    { kind: 'upscale', scale: 2 },
    { kind: 'album', albumId },
    { kind: 'export' },
  ],
});

describe('saved workflows', () => {
  it('runs its steps in order, each on the previous image, and the outputs land in the gallery, the album and a zip', async () => {
    const album = (await api(alice, 'POST', '/albums', { name: 'Posters' })).json();
    const created = await api(alice, 'POST', '/workflows', pipeline(album.id));
    expect(created.statusCode).toBe(201);
    const wf = created.json();
    expect(wf.steps).toHaveLength(5);

    const started = await api(alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a red kite' } });
    expect(started.statusCode).toBe(202);
    expect(started.headers.location).toBe(`/api/v1/workflow-runs/${started.json().id}`);
    expect(started.json()).toMatchObject({ status: 'queued', inputs: { prompt: 'a red kite', caption: 'HELLO' } });

    const run = await waitForRun(alice, started.json().id);
    expect(run.status).toBe('succeeded');
    expect(run.progress).toBe(1);
    expect(run.steps.map((s: any) => [s.kind, s.status])).toEqual([
      ['generate', 'succeeded'], ['operations', 'succeeded'], ['upscale', 'succeeded'], ['album', 'succeeded'], ['export', 'succeeded'],
    ]);
    const [gen, ops, up] = run.steps;
    const first = (await api(alice, 'GET', `/generations/${gen.generationId}`)).json();
    expect(first.prompt).toBe('a poster of a red kite');
    expect(first.workflowRun).toEqual({ id: run.id, name: 'Poster', step: 0 });
    const history = (await api(alice, 'GET', '/generations?limit=10')).json().items;
    expect(history.find((h: any) => h.id === up.generationId).workflowRun).toEqual({ id: run.id, name: 'Poster', step: 2 });
    const second = (await api(alice, 'GET', `/generations/${ops.generationId}`)).json();
    expect(second.parentAssetId).toBe(gen.assets[0].id);
    expect(second.params.operations).toEqual([{ op: 'grayscale' }, { op: 'text', text: 'HELLO' }]);
    const third = (await api(alice, 'GET', `/generations/${up.generationId}`)).json();
    expect(third.parentAssetId).toBe(ops.assets[0].id);
    expect(third.outputs[0].asset).toMatchObject({ width: 128, height: 128 });

    const gallery = (await api(alice, 'GET', '/assets?limit=50')).json().items.map((a: any) => a.id);
    for (const step of [gen, ops, up]) expect(gallery).toContain(step.assets[0].id);
    const inAlbum = (await api(alice, 'GET', `/assets?limit=50&album=${album.id}`)).json().items.map((a: any) => a.id);
    expect(inAlbum).toEqual([up.assets[0].id]);

    expect(run.archiveUrl).toBe(`/api/v1/workflow-runs/${run.id}/archive`);
    const zip = await t.app.inject({ method: 'GET', url: run.archiveUrl, headers: { cookie: alice.cookie } });
    expect(zip.statusCode).toBe(200);
    const entries = await readZip(zip.rawPayload);
    expect([...entries.keys()]).toEqual(['step-1.png', 'step-2.png', 'step-3.png']);
    expect((await sharp(entries.get('step-3.png')!).metadata()).width).toBe(128);

    const listed = (await api(alice, 'GET', `/workflow-runs?workflowId=${wf.id}`)).json().items;
    expect(listed.map((r: any) => r.id)).toEqual([run.id]);
  });

  it('saves a history item and the edits made from it as a workflow, and runs it with a new prompt', async () => {
    const g = (await api(alice, 'POST', '/generations', { prompt: 'a quiet harbour', size: '64x64' })).json();
    const done = await waitForGeneration(t.app, alice, g.id);
    const edit = (await api(alice, 'POST', '/edits', { assetId: done.outputs[0].asset.id, instruction: 'make it black and white' })).json();
    await waitForGeneration(t.app, alice, edit.id);

    const saved = await api(alice, 'POST', `/generations/${g.id}/workflow`, {});
    expect(saved.statusCode).toBe(201);
    const wf = saved.json();
    expect(wf.variables).toEqual([{ name: 'prompt', label: 'Prompt', default: 'a quiet harbour' }]);
    expect(wf.steps).toEqual([
      { kind: 'generate', prompt: '{{prompt}}', engine: 'builtin', size: '64x64', count: 1 },
      { kind: 'edit', instruction: 'make it black and white', engine: 'builtin' },
    ]);
    // Saved from the edit, the same line comes back.
    expect((await api(alice, 'POST', `/generations/${edit.id}/workflow`, { name: 'Harbour' })).json()).toMatchObject({ name: 'Harbour', steps: wf.steps });

    const run = await waitForRun(alice, (await api(alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a busy port' } })).json().id);
    expect(run.status).toBe('succeeded');
    const made = (await api(alice, 'GET', `/generations/${run.steps[0].generationId}`)).json();
    expect(made.prompt).toBe('a busy port');
    const edited = (await api(alice, 'GET', `/generations/${run.steps[1].generationId}`)).json();
    expect(edited).toMatchObject({ mode: 'edit', parentAssetId: run.steps[0].assets[0].id, params: { operations: [{ op: 'grayscale' }] } });
    expect(run.steps[1].assets).toHaveLength(1);
  });

  it('edits a workflow, and another person gets 404 for it and its runs', async () => {
    const wf = (await api(alice, 'POST', '/workflows', { name: 'Mine', variables: [{ name: 'prompt' }], steps: [{ kind: 'generate', prompt: '{{prompt}}', size: '64x64' }] })).json();
    const patched = await api(alice, 'PATCH', `/workflows/${wf.id}`, { name: 'Renamed', steps: [...wf.steps, { kind: 'operations', operations: [{ op: 'invert' }] }] });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Renamed', steps: [{ kind: 'generate' }, { kind: 'operations' }] });
    expect((await api(alice, 'GET', '/workflows')).json().items.map((w: any) => w.id)).toContain(wf.id);
    const run = (await api(alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a fern' } })).json();

    for (const res of [
      await api(bob, 'GET', `/workflows/${wf.id}`),
      await api(bob, 'PATCH', `/workflows/${wf.id}`, { name: 'Stolen' }),
      await api(bob, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'x' } }),
      await api(bob, 'DELETE', `/workflows/${wf.id}`),
      await api(bob, 'GET', `/workflow-runs/${run.id}`),
      await api(bob, 'POST', `/workflow-runs/${run.id}/cancel`),
      await api(bob, 'POST', `/generations/${(await waitForRun(alice, run.id)).steps[0].generationId}/workflow`, {}),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await api(bob, 'GET', '/workflows')).json().items).toEqual([]);
    expect((await api(bob, 'GET', '/workflow-runs')).json().items).toEqual([]);

    expect((await api(alice, 'DELETE', `/workflows/${wf.id}`)).statusCode).toBe(204);
    expect((await api(alice, 'GET', `/workflows/${wf.id}`)).statusCode).toBe(404);
    // The run keeps its snapshot.
    expect((await api(alice, 'GET', `/workflow-runs/${run.id}`)).json()).toMatchObject({ workflowId: null, name: 'Renamed', status: 'succeeded' });
  });

  it('refuses unknown variables, missing inputs and bad steps, naming the step', async () => {
    const unknown = await api(alice, 'POST', '/workflows', { name: 'x', steps: [{ kind: 'generate', prompt: 'a {{subject}}' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_VARIABLE', details: { step: 0, variable: 'subject' } });

    const noImage = await api(alice, 'POST', '/workflows', { name: 'x', steps: [{ kind: 'edit', instruction: 'crop to 16:9' }] });
    expect(noImage.json().error).toMatchObject({ code: 'INVALID_STEP', details: { step: 0 } });
    expect(noImage.json().error.message).toMatch(/^Step 1: /);

    const badKind = await api(alice, 'POST', '/workflows', { name: 'x', steps: [{ kind: 'teleport' }] });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.code).toBe('VALIDATION_FAILED');

    const wf = (await api(alice, 'POST', '/workflows', { name: 'x', variables: [{ name: 'prompt' }, { name: 'size', default: '64x64' }],
      steps: [{ kind: 'generate', prompt: '{{prompt}}', size: '{{size}}' }] })).json();
    const missing = await api(alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'MISSING_INPUT', details: { variable: 'prompt' } });
    const extra = await api(alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a', colour: 'red' } });
    expect(extra.json().error).toMatchObject({ code: 'UNKNOWN_VARIABLE', details: { variable: 'colour' } });
    const badSize = await api(alice, 'POST', `/workflows/${wf.id}/runs`, { inputs: { prompt: 'a', size: 'huge' } });
    expect(badSize.statusCode).toBe(400);
    expect(badSize.json().error).toMatchObject({ code: 'INVALID_SIZE', details: { step: 0 } });
    expect(badSize.json().error.message).toMatch(/^Step 1: /);
    expect((await api(alice, 'GET', `/workflow-runs?workflowId=${wf.id}`)).json().items).toEqual([]);
  });

  it('fails a run at the step that cannot run, keeping what earlier steps made', async () => {
    const wf = (await api(alice, 'POST', '/workflows', { name: 'x', steps: [
      { kind: 'generate', prompt: 'a moth', size: '64x64' },
      { kind: 'album', albumId: 'no-such-album' },
      { kind: 'export' },
    ] })).json();
    const run = await waitForRun(alice, (await api(alice, 'POST', `/workflows/${wf.id}/runs`, {})).json().id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'NOT_FOUND', step: 1 });
    expect(run.steps.map((s: any) => s.status)).toEqual(['succeeded', 'failed', 'pending']);
    expect(run.steps[0].assets).toHaveLength(1);
    expect(run.archiveUrl).toBeNull();
    expect((await api(alice, 'POST', `/workflow-runs/${run.id}/cancel`)).json().error.code).toBe('INVALID_STATE');
  });

  it('runs a workflow for each batch row that names it, with the row\'s fields as inputs', async () => {
    const wf = (await api(alice, 'POST', '/workflows', { name: 'Batch', variables: [{ name: 'prompt' }],
      steps: [{ kind: 'generate', prompt: 'poster: {{prompt}}', size: '64x64' }, { kind: 'operations', operations: [{ op: 'sepia' }] }] })).json();
    const form = multipart({ data: Buffer.from(`workflow,prompt\n${wf.id},an owl\n${wf.id},a fox\n`), filename: 'rows.csv', contentType: 'text/csv' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...alice.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(201);
    const batch = res.json();
    expect(batch.rows.map((r: any) => r.generationId)).toEqual([null, null]);
    const runs = await Promise.all(batch.rows.map((r: any) => waitForRun(alice, r.workflowRunId)));
    expect(runs.map((r) => [r.status, r.inputs.prompt])).toEqual([['succeeded', 'an owl'], ['succeeded', 'a fox']]);
    const firstPrompt = (await api(alice, 'GET', `/generations/${runs[1].steps[0].generationId}`)).json().prompt;
    expect(firstPrompt).toBe('poster: a fox');
    for (let i = 0; i < 200; i++) {
      const b = (await api(alice, 'GET', `/batches/${batch.id}`)).json();
      if (b.status === 'succeeded') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the batch never read as succeeded');
  });

  it('refuses a batch whose workflow row lacks an input, naming the line', async () => {
    const wf = (await api(alice, 'POST', '/workflows', { name: 'x', variables: [{ name: 'prompt' }], steps: [{ kind: 'generate', prompt: '{{prompt}}', size: '64x64' }] })).json();
    const form = multipart({ data: Buffer.from(`{"workflow":"${wf.id}","prompt":"ok"}\n{"workflow":"${wf.id}"}\n`), filename: 'rows.jsonl', contentType: 'application/x-ndjson' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...alice.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'MISSING_INPUT', details: { line: 2, variable: 'prompt' } });
  });
});
