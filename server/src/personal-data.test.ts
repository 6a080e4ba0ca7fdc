import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesWithColumns } from './db/introspection.js';
import { ModerationRepository } from './modules/moderation/repository.js';
import { eraseUser } from './modules/privacy/deletion/erase-user.js';
import { findResidue, givePersonData } from './modules/privacy/deletion/test-support.js';
import { multipart } from './modules/assets/test-fixtures.js';
import { createTestApp, signUp, type TestApp, type TestUser } from './test-support/harness.js';

/** Tables that hold nothing of a person, each with the reason. A table with a user_id column never belongs here. */
const NO_PERSONAL_DATA: Record<string, string> = {
  stripe_events: 'ids and types of the Stripe events already applied (the person they were about is not kept)',
  rate_limit_buckets: 'token counts under a hash of what they limit, gone from use within the hour',
  engine_runs: 'provider calls: engine, model, outcome and a detail free of keys and prompts',
  analytics_daily: 'daily totals per feature, of nobody in particular',
  analytics_salts: 'the random salt of a day',
  analytics_visitors: 'salted hashes of a day\'s visitors, unlinkable once the salt is deleted at the end of the day',
  policy_announcements: 'which policy versions were announced, and to how many people',
  schedule_runs: 'which day each scheduled task (maintenance) ran',
  auth_attempts: 'password checks of the rate-limit window: a SHA-256 of the bucket (no email or address in clear) and a time, gone after the window',
};

/**
 * Tables of a person's data that the export leaves out, each with the reason: what they hold is no use to the
 * person, a secret of the server, or is already in the export in another form.
 */
const NOT_EXPORTED: Record<string, string> = {
  user_keys: 'the person\'s data key, wrapped by the server\'s master key: a secret that opens nothing outside this server',
  asset_counts: 'counters of the images (per kind, trash and favourite), derived from the images the export holds',
  generation_counts: 'counters of the generations (per mode, status and engine), derived from the generations the export holds',
  jobs: 'the queue\'s bookkeeping of work under way; the work itself (generations, exports, batches) is exported',
  job_outbox: 'jobs written with their subject and not yet handed to the queue, for a few milliseconds',
  queue_state: 'the position of the person\'s last job in the fair queue',
  sign_in_challenges: 'one-time challenges of a passkey or single sign-on ceremony under way, gone within minutes',
  mfa_challenges: 'a sign-in waiting for its second step, gone within minutes',
  pending_signups: 'a sign-up waiting for its emailed link, before any account exists; gone when the link is used or expires, or with the account',
};

/** Tables that outlive the person on purpose. */
const KEPT: Record<string, string> = {
  deletion_tombstones: 'the record that the person was deleted (their id and the date), replayed after a restore',
};

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** The schema as the database reports it: each table and whether it has a user_id column. */
async function schemaTables(): Promise<{ name: string; hasUserId: boolean }[]> {
  return (await tablesWithColumns(t.services.db)).map((tb) => ({ name: tb.name, hasUserId: tb.columns.includes('user_id') }));
}

const erasedTables = () => new Set(t.services.personalData.erasureOrder.flatMap((m) => m.tables));

async function rowsOf(table: string, userId: string): Promise<number> {
  const column = table === 'users' ? 'id' : 'user_id';
  const row = await (t.services.db as Kysely<any>).selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A person with rows in every table that can hold one: library, generation and its job, export, email, policy, request. */
async function personEverywhere(): Promise<TestUser> {
  const person = await signUp(t.app);
  await givePersonData(t.app, person, `a surveyed meadow ${person.id.slice(0, 8)}`);
  const exp = (await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: person.headers })).json();
  for (let e = exp; e.status !== 'ready'; await new Promise((r) => setTimeout(r, 50))) {
    e = (await t.app.inject({ url: `/api/v1/me/exports/${exp.id}`, headers: { cookie: person.cookie } })).json();
    expect(e.status).not.toBe('failed');
  }
  await t.app.inject({ method: 'POST', url: '/api/v1/me/policy-acknowledgement', headers: person.headers, payload: { version: t.services.config.privacy.policyVersion } });
  await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { name: 'Surveyor' } });
  await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: person.headers, payload: { name: 'survey script', scopes: ['images'] } });
  const batchFile = multipart({ data: Buffer.from('prompt,size\na surveyed hill,64x64\n'), filename: 'survey.csv', contentType: 'text/csv' });
  const batch = await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...person.headers, ...batchFile.headers }, payload: batchFile.payload });
  expect(batch.statusCode).toBe(201);
  const workflow = await t.app.inject({ method: 'POST', url: '/api/v1/workflows', headers: person.headers,
    payload: { name: 'Survey', steps: [{ kind: 'generate', prompt: 'a surveyed valley', size: '64x64' }] } });
  expect((await t.app.inject({ method: 'POST', url: `/api/v1/workflows/${workflow.json().id}/runs`, headers: person.headers, payload: {} })).statusCode).toBe(202);
  // A webhook and one delivery of it (to a documentation address: it stays pending, which is enough here).
  const hook = await t.app.inject({ method: 'POST', url: '/api/v1/me/webhooks', headers: person.headers, payload: { url: 'https://192.0.2.1/hook', events: ['export.ready'] } });
  await t.app.inject({ method: 'POST', url: `/api/v1/me/webhooks/${hook.json().id}/test`, headers: person.headers });
  await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { email: `moved-${person.email}`, currentPassword: person.password } });
  // A passkey ceremony under way, a passkey and an identity of a single sign-on provider.
  await t.app.inject({ method: 'POST', url: '/api/v1/me/passkeys/options', headers: person.headers });
  await t.services.db.insertInto('passkeys').values({
    id: `pk-${person.id}`, user_id: person.id, credential_id: `cred-${person.id}`, public_key: Buffer.from([1, 2, 3]), counter: 0,
    transports: '["internal"]', backed_up: 0, name: 'Laptop', created_at: 0, last_used_at: null,
  }).execute();
  await t.services.db.insertInto('linked_identities').values({
    id: `li-${person.id}`, user_id: person.id, issuer: 'https://id.example.test', subject: person.id, email: person.email, created_at: 0, last_used_at: null,
  }).execute();
  // Email links (the sign-up's verification), a second factor with recovery codes, a login awaiting it, an invitation made.
  await t.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp', headers: person.headers });
  await t.services.db.updateTable('mfa_totp').set({ confirmed_at: 1 }).where('user_id', '=', person.id).execute();
  await t.services.db.insertInto('mfa_recovery_codes').values({ id: `code-${person.id}`, user_id: person.id, created_at: 1, used_at: null }).execute();
  await t.services.accounts.mfa.startChallenge(person.id, 'password');
  await t.services.accounts.signupGate.createInvitation(person.id, {});
  await t.services.billing.adjust(person.id, 5, 'a goodwill credit');
  // A refused prompt, as counted with a moderation policy on (this app runs without one).
  await new ModerationRepository(t.services.db).countRefusal(person.id, 'sexual', 0);
  // An own provider key and the images a generation asked of it (this app has no provider engine to check a key with).
  await t.services.db.insertInto('provider_keys').values({
    id: `key-${person.id}`, user_id: person.id, provider: 'openai', sealed_key: 'sealed', key_suffix: 'abcd', base_url: null, monthly_image_cap: 10, created_at: 0,
  }).execute();
  await t.services.db.insertInto('provider_key_spend').values({ generation_id: `gen-${person.id}`, key_id: `key-${person.id}`, user_id: person.id, month: '2026-12', images: 1 }).execute();
  // A purge under way (state 'purging') is the one situation in which the request row meets the erasure.
  await t.services.db.insertInto('deletion_requests').values({ user_id: person.id, state: 'purging', requested_at: 0, purge_at: 0 }).execute();
  // A job written with its subject and not yet handed to the queue (no commit is announced, so no relay takes it).
  await t.services.db.transaction().execute((trx) =>
    t.services.jobOutbox.addIn(trx, { kind: 'generation', subjectId: 'not-handed-over', userId: person.id, cost: 1 }));
  return person;
}

describe('personal data seams', () => {
  it('every table is erased by the module that owns it, or is listed as holding no personal data', async () => {
    const tables = await schemaTables();
    const erased = erasedTables();
    const unaccounted = tables.filter((tb) => !erased.has(tb.name) && !(tb.name in KEPT) && !(tb.name in NO_PERSONAL_DATA));
    expect(unaccounted.map((tb) => tb.name), 'add the table to its module\'s PersonalData (eraseFor and tables)').toEqual([]);
    const userIdButNoPersonalData = tables.filter((tb) => tb.hasUserId && tb.name in NO_PERSONAL_DATA);
    expect(userIdButNoPersonalData.map((tb) => tb.name)).toEqual([]);
    const names = new Set(tables.map((tb) => tb.name));
    expect([...erased].filter((name) => !names.has(name)), 'a module names a table that does not exist').toEqual([]);
  });

  it('every table of a person\'s data is in their export, or is listed as left out with the reason', () => {
    const exported = new Set(t.services.personalData.exportOrder.flatMap((m) => m.exported ?? []));
    const missing = [...erasedTables()].filter((name) => !exported.has(name) && !(name in NOT_EXPORTED));
    expect(missing, 'export the table from its module (exportFor and exported), or add it to NOT_EXPORTED with the reason').toEqual([]);
    expect(Object.keys(NOT_EXPORTED).filter((name) => exported.has(name)), 'exported and listed as left out').toEqual([]);
    expect(Object.keys(NOT_EXPORTED).filter((name) => !erasedTables().has(name)), 'listed as left out but holds no personal data').toEqual([]);
    for (const module of t.services.personalData.exportOrder) {
      expect(module.exported?.length ? typeof module.exportFor : 'function', 'a module that exports tables has exportFor').toBe('function');
    }
  });

  it('each module erases the rows it names, and the purge run again after stopping half-way leaves nothing', async () => {
    const person = await personEverywhere();
    const withUserId = (await schemaTables()).filter((tb) => tb.hasUserId && !(tb.name in KEPT)).map((tb) => tb.name);
    for (const table of ['users', ...withUserId]) expect(await rowsOf(table, person.id), `no ${table} row to erase`).toBeGreaterThan(0);

    const modules = t.services.personalData.erasureOrder;
    const half = Math.floor(modules.length / 2);
    for (const module of modules.slice(0, half)) {
      await module.eraseFor(person.id);
      for (const table of module.tables.filter((name) => name === 'users' || withUserId.includes(name))) {
        expect(await rowsOf(table, person.id), `${table} after its module's eraseFor`).toBe(0);
      }
    }
    await eraseUser(t.services.db, modules, person.id); // as a purge resumed after a crash does

    for (const table of ['users', ...withUserId]) expect(await rowsOf(table, person.id), table).toBe(0);
    const { blobDir } = t.services.config;
    expect(await findResidue(t.services.config, blobDir, person.id, [person.email, `moved-${person.email}`])).toEqual({ cells: [], rawBytes: [], blobFiles: [] });
  });

  it('the export holds each module\'s files in the archive\'s order', async () => {
    const person = await signUp(t.app);
    const paths: string[] = [];
    for (const module of t.services.personalData.exportOrder) {
      for await (const entry of module.exportFor?.(person.id) ?? []) paths.push(entry.path);
    }
    expect(paths).toEqual(['account.json', 'consents.json', 'sessions.json', 'security-events.json', 'administrator-actions.json', 'passkeys.json',
      'linked-identities.json', 'account-security.json', 'invitations.json', 'api-tokens.json', 'webhooks.json', 'batches.json', 'workflows.json', 'generations.json',
      'prompt-snippets.json', 'albums.json', 'shares.json', 'support.json', 'emails.json', 'exports.json']);
  });
});
