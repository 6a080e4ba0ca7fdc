import { describe, expect, it } from 'vitest';
import { appForFile } from '../../test-support/harness.js';
import { multipart } from '../assets/test-fixtures.js';

/** What a batch file or a workflow run would queue, for the studio to price before sending (nothing is started). */
const { t, people: [alice] } = appForFile({ people: 1 });

const generationsOf = async () =>
  Number((await t.services.db.selectFrom('generations').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', alice!.id).executeTakeFirstOrThrow()).n);

describe('the shapes of a request, before it is sent', () => {
  it('of a batch file: one per row, with its engine, size and count', async () => {
    const form = multipart({ data: Buffer.from('prompt,size,count\nfog,64x64,2\nrain,128x128,\n'), filename: 'rows.csv', contentType: 'text/csv' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/batches/cost', headers: { ...alice!.headers, ...form.headers }, payload: form.payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().requests).toEqual([
      { engine: 'builtin', width: 64, height: 64, count: 2 },
      { engine: 'builtin', width: 128, height: 128, count: 1 },
    ]);
    expect(await generationsOf()).toBe(0);
    expect(await t.services.db.selectFrom('batches').select('id').execute()).toEqual([]);
  });

  it('of a workflow run: generate steps as planned, an image step as one image the size of what the step before made', async () => {
    const wf = (await t.app.inject({ method: 'POST', url: '/api/v1/workflows', headers: alice!.headers, payload: {
      name: 'Fog', variables: [{ name: 'prompt' }],
      steps: [{ kind: 'generate', prompt: '{{prompt}}', size: '64x64', count: 3 }, { kind: 'upscale', scale: 2 }, { kind: 'operations', operations: [{ op: 'rotate', degrees: 90 }] }],
    } })).json();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${wf.id}/cost`, headers: alice!.headers, payload: { inputs: { prompt: 'fog' } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().requests).toEqual([
      { engine: 'builtin', width: 64, height: 64, count: 3 },
      { engine: 'builtin', width: 64, height: 64, count: 1 },
      { engine: 'builtin', width: 128, height: 128, count: 1 },
    ]);
    expect(await generationsOf()).toBe(0);
    // The same checks as a run: a missing input is refused.
    const missing = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${wf.id}/cost`, headers: alice!.headers, payload: {} });
    expect(missing.statusCode).toBe(400);
  });
});
