import { describe, expect, it } from 'vitest';
import { appForFile, signUp, signUpInvited, type TestUser } from '../../../test-support/harness.js';
import { testConfig } from '../../../config.js';
import { image, multipart } from '../../assets/test-fixtures.js';
import { linkToken } from '../test-mail.js';

const base = testConfig('unused');
const { t } = appForFile({ config: { workerConcurrency: 0, accounts: { ...base.accounts, requireVerifiedEmail: true } } });

const NOT_VERIFIED = /Confirm your email address/;

async function tokenOf(person: TestUser): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: person.headers, payload: { name: 'script', scopes: ['images'] } });
  return res.json().token;
}

async function upload(person: TestUser): Promise<string> {
  const body = multipart({ data: await image('png', 32, 32, '#336699'), filename: 'photo.png', contentType: 'image/png' });
  return (await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...person.headers, ...body.headers }, payload: body.payload })).json().id;
}

const generationsOf = async (userId: string) =>
  (await t.services.db.selectFrom('generations').select('id').where('user_id', '=', userId).execute()).length;

describe('ATELIER_REQUIRE_VERIFIED_EMAIL=true', () => {
  it('keeps an unverified account from generating, with a message that says what to do, until it verifies', async () => {
    const person = await signUp(t.app);
    const generate = () => t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers, payload: { prompt: 'a quiet harbour' } });
    const refused = await generate();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'EMAIL_NOT_VERIFIED', message: expect.stringMatching(NOT_VERIFIED) });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify', payload: { token: await linkToken(t, person.email, 'verify') } });
    expect((await generate()).statusCode).toBe(202);
  });

  it('is met by every way of starting a job: edits, batches, workflow runs, the OpenAI and Seedream APIs, each in its own error shape', async () => {
    // Invited after the first test's administrator signed up: made at once, its address not verified yet.
    const person = await signUpInvited(t);
    expect((await t.services.users.findById(person.id))?.email_verified_at).toBeNull();
    const bearer = { authorization: `Bearer ${await tokenOf(person)}` };
    const assetId = await upload(person);

    const edit = await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: person.headers, payload: { assetId, operations: [{ op: 'grayscale' }] } });
    expect([edit.statusCode, edit.json().error.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);

    const form = multipart({ data: Buffer.from('prompt\na lighthouse\n'), filename: 'rows.csv', contentType: 'text/csv' });
    const batch = await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...bearer, ...form.headers }, payload: form.payload });
    expect([batch.statusCode, batch.json().error.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
    expect(batch.json().error.message).toMatch(NOT_VERIFIED);

    const workflow = async (steps: object[]) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/workflows', headers: person.headers, payload: { name: 'Flow', steps } })).json().id;
    // A run that generates first, and one whose first step works on an image (planned only when the run gets there).
    for (const id of [await workflow([{ kind: 'generate', prompt: 'a kite' }]), await workflow([{ kind: 'operations', operations: [{ op: 'grayscale' }], source: assetId }])]) {
      const run = await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${id}/runs`, headers: person.headers, payload: {} });
      expect([run.statusCode, run.json().error.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
    }

    const openAi = await t.app.inject({ method: 'POST', url: '/v1/images/generations', headers: bearer, payload: { prompt: 'a fox' } });
    expect(openAi.statusCode).toBe(403);
    expect(openAi.json()).toEqual({ error: { message: expect.stringMatching(NOT_VERIFIED), type: 'permission_error', param: null, code: 'email_not_verified' } });

    const seedream = await t.app.inject({ method: 'POST', url: '/api/v3/images/generations', headers: bearer, payload: { model: 'builtin', prompt: 'a fox' } });
    expect(seedream.statusCode).toBe(403);
    expect(seedream.json()).toEqual({ error: { code: 'AccessDenied', type: 'Forbidden', message: expect.stringMatching(NOT_VERIFIED) } });

    expect(await generationsOf(person.id)).toBe(0);
    expect(await t.services.db.selectFrom('workflow_runs').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
    expect(await t.services.db.selectFrom('batches').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
  });
});
