import { beforeAll, describe, expect, it } from 'vitest';
import { image } from '../../test-support/factories.js';
import { appForFile, signUp, type TestUser } from '../../test-support/harness.js';
import { testCatalog, withPlans } from '../billing/test-fixtures.js';
import { withModeration } from './test-fixtures.js';

const { t, people: [alice, bob] } = appForFile({ people: 2, config: { ...withPlans(testCatalog()), ...withModeration(3), workerConcurrency: 0 } });
let origin: string;

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});

const studioGenerate = (user: TestUser, prompt: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: user.headers, payload: { prompt, size: '64x64' } });

async function tokenOf(user: TestUser): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: user.headers, payload: { name: 'script', scopes: ['images'] } });
  return res.json().token;
}

/** Everything a refused request could have left behind. */
async function footprint(user: TestUser) {
  const read = (url: string) => t.app.inject({ url, headers: { cookie: user.cookie } }).then((r) => r.json());
  const db = t.services.db;
  return {
    generations: (await read('/api/v1/generations')).items.length,
    assets: (await db.selectFrom('assets').select('id').where('user_id', '=', user.id).execute()).length,
    jobs: (await db.selectFrom('job_outbox').select('id').where('user_id', '=', user.id).execute()).length,
    balance: (await read('/api/v1/me/billing')).balance,
  };
}

const refusals = async (user: TestUser) =>
  t.services.db.selectFrom('moderation_refusals').selectAll().where('user_id', '=', user.id).executeTakeFirst();

describe('prompt policy at the queue', () => {
  it('refuses a studio prompt with 422 PROMPT_REFUSED naming the category, stores nothing and counts the refusal', async () => {
    const before = await footprint(alice);
    const res = await studioGenerate(alice, 'a n u d 3 portrait');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'PROMPT_REFUSED', details: { field: 'prompt', category: 'sexual' } });
    expect(res.json().error.message).toContain('"sexual"');
    expect(await footprint(alice)).toEqual(before);
    expect(await refusals(alice)).toMatchObject({ refusals: 1, last_category: 'sexual', suspended_at: null });
    expect(Object.values((await refusals(alice))!)).not.toContain('a n u d 3 portrait');
  });

  it('refuses Chinese terms, and lets an ordinary prompt through', async () => {
    const res = await studioGenerate(bob, '一个血 腥的场面');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.category).toBe('violence');
    expect((await studioGenerate(bob, 'a lighthouse at dusk')).statusCode).toBe(202);
  });

  it('refuses an edit\'s instruction text', async () => {
    const person = await signUp(t.app);
    const upload = await t.services.assets.upload(person.id, { data: await image('png', 32, 32), fileName: 'p.png' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: person.headers, payload: { assetId: upload.id, instruction: 'make her NAKED' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PROMPT_REFUSED');
    expect((await footprint(person)).generations).toBe(0);
  });

  it('refuses a rerun of a generation whose prompt the policy now refuses', async () => {
    const person = await signUp(t.app);
    const started = (await studioGenerate(person, 'a quiet harbour')).json();
    // As if the operator had added the term after this generation was made.
    await t.services.db.updateTable('generations').set({ prompt: 'gore at the harbour' }).where('id', '=', started.id).execute();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/generations/${started.id}/rerun`, headers: person.headers });
    expect(res.statusCode).toBe(422);
    expect((await footprint(person)).generations).toBe(1);
  });

  it('refuses an API-token request to the OpenAI-compatible edit endpoint in OpenAI\'s shape; the uploaded image is not kept', async () => {
    const person = await signUp(t.app);
    const before = await footprint(person);
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(await image('png', 32, 32))], { type: 'image/png' }), 'p.png');
    form.append('prompt', 'ｎａｋｅｄ');
    const res = await fetch(`${origin}/v1/images/edits`, { method: 'POST', headers: { authorization: `Bearer ${await tokenOf(person)}` }, body: form });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'moderation_blocked', type: 'invalid_request_error' });
    expect(await footprint(person)).toEqual(before);
    expect((await refusals(person))?.refusals).toBe(1);
  });

  it('refuses an API-token request to the Seedream-compatible endpoint with a reference image; nothing is kept', async () => {
    const person = await signUp(t.app);
    const before = await footprint(person);
    const reference = `data:image/png;base64,${(await image('png', 32, 32)).toString('base64')}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v3/images/generations', headers: { authorization: `Bearer ${await tokenOf(person)}` },
      payload: { model: 'builtin', prompt: '裸\u200B体', image: reference, size: '64x64' } });
    expect(res.statusCode).toBe(422);
    expect(await footprint(person)).toEqual(before);
    expect((await refusals(person))?.last_category).toBe('sexual');
  });

  it('suspends the account at the configured number of refusals as an administrator would: sessions, tokens, queued work', async () => {
    const person = await signUp(t.app);
    const token = await tokenOf(person);
    const balanceBefore = (await t.app.inject({ url: '/api/v1/me/billing', headers: { cookie: person.cookie } })).json().balance;
    const queued = await studioGenerate(person, 'a lighthouse at dusk');
    expect(queued.statusCode).toBe(202);
    for (let i = 1; i <= 2; i++) expect((await studioGenerate(person, 'gore')).json().error.message).not.toContain('suspended');
    const third = await studioGenerate(person, 'gore');
    expect(third.statusCode).toBe(422);
    expect(third.json().error.message).toContain('suspended');
    expect(await refusals(person)).toMatchObject({ refusals: 3, suspended_at: expect.anything() });
    const user = await t.services.db.selectFrom('users').select('status').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(user.status).toBe('suspended');
    expect((await studioGenerate(person, 'a lighthouse')).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/generations', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    // The queued generation was canceled and its credits given back; the security log says who suspended.
    const job = await t.services.db.selectFrom('generations').select('status').where('id', '=', queued.json().id).executeTakeFirstOrThrow();
    expect(job.status).toBe('canceled');
    const ledger = await t.services.db.selectFrom('credit_ledger').select('amount').where('user_id', '=', person.id).execute();
    expect(ledger.reduce((sum, e) => sum + Number(e.amount), 0)).toBe(balanceBefore);
    const events = await t.services.db.selectFrom('audit_events').select(['type', 'detail']).where('user_id', '=', person.id)
      .where('type', '=', 'account.suspended').execute();
    expect(events).toEqual([{ type: 'account.suspended', detail: 'moderation' }]);
    const { suspension_reason } = await t.services.db.selectFrom('users').select('suspension_reason').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(suspension_reason).toMatch(/automatically after 3 prompts/);
  });

  it('exports the count (never a prompt) and erases it with the account', async () => {
    const person = await signUp(t.app);
    await studioGenerate(person, 'nude');
    const entries = [];
    for await (const e of t.services.personalData.exportOrder.find((s) => s.tables.includes('moderation_refusals'))!.exportFor!(person.id)) entries.push(e);
    expect(entries).toEqual([{ path: 'moderation.json', json: expect.objectContaining({ refusedPrompts: 1, lastCategory: 'sexual' }) }]);
    expect(JSON.stringify(entries)).not.toContain('nude');
  });
});
