import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunks } from '../../../lib/chunks.js';
import { image } from '../../assets/test-fixtures.js';
import { EXPORT_PAGE_SIZE as ASSET_PAGE } from '../../assets/personal-data.js';
import { EXPORT_PAGE_SIZE as GENERATION_PAGE } from '../../generations/personal-data.js';
import { EXPORT_PAGE_SIZE as EMAIL_PAGE } from '../outbox/personal-data.js';
import { appForFile, type TestUser } from '../../../test-support/harness.js';
import { readZip } from '../../../test-support/zip.js';
import { json } from './test-fixtures.js';

/** More rows of every kind than the largest page any part of the export reads. */
const N = Math.max(ASSET_PAGE, GENERATION_PAGE, EMAIL_PAGE) + 1;

const { t, people: [alice, admin] } = appForFile({ people: 2 });

const db = () => t.services.db as Kysely<any>;

/** Inserts `N` rows made by `row(i)` into `table`, a hundred at a time. */
async function fill(table: string, row: (i: number) => Record<string, unknown>): Promise<void> {
  for (const part of chunks(Array.from({ length: N }, (_, i) => row(i)), 100)) await db().insertInto(table).values(part).execute();
}

async function countOf(table: string, userId: string): Promise<number> {
  const r = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

const id = (kind: string, i: number) => `${kind}-${alice.id}-${String(i).padStart(4, '0')}`;

/** The person with more than a page of rows in every table the export reads; half their images in the trash. */
async function giveManyRows(person: TestUser): Promise<void> {
  const u = person.id;
  const png = await image('png');
  const assetIds = Array.from({ length: N }, (_, i) => id('asset', i));
  for (const assetId of assetIds) {
    await t.services.blobs.put(`u/${u}/orig/${assetId}`, png, { userId: u, contentType: 'image/png', unpublished: true });
  }
  await fill('assets', (i) => ({
    id: assetIds[i], user_id: u, kind: 'upload', parent_id: null, generation_id: null, output_index: null, blob_key: `u/${u}/orig/${assetIds[i]}`,
    thumb_key: null, mime: 'image/png', width: 8, height: 8, bytes: png.length, sha256: 'x', search_text: `photo ${i}`, metadata: '{}',
    deleted_at: i % 2 ? 1_000 + i : null, created_at: i,
  }));
  await fill('asset_tags', (i) => ({ asset_id: assetIds[i], user_id: u, tag: `tag${i}`, created_at: i }));
  await fill('generations', (i) => ({
    id: id('gen', i), user_id: u, mode: 'generate', prompt: `a prompt ${i}`, params: '{}', engine: 'builtin', model: null, status: 'failed',
    error: null, parent_asset_id: null, usage: null, created_at: i, started_at: null, finished_at: null,
  }));
  await fill('generation_outputs', (i) => ({ generation_id: id('gen', i), idx: 0, asset_id: null, error_code: 'ENGINE_FAILED', error_message: 'no' }));
  await fill('albums', (i) => ({ id: id('album', i), user_id: u, name: `Album ${i}`, description: '', never_train: i % 2, created_at: i, updated_at: i }));
  await fill('album_assets', (i) => ({ album_id: id('album', 0), asset_id: assetIds[i], added_at: i, created_at: i }));
  await fill('sessions', (i) => ({ id: id('session', i), user_id: u, csrf_token: id('csrf', i), created_at: i, last_seen_at: i, expires_at: 9e12, ip: '192.0.2.0/24', user_agent: 'Firefox on Linux' }));
  await fill('audit_events', (i) => ({ user_id: u, type: 'auth.login', ip: '192.0.2.0/24', detail: 'password', created_at: i }));
  await fill('audit_events', (i) => ({ user_id: admin.id, type: 'admin.role_changed', ip: null, detail: JSON.stringify({ target: u, role: i % 2 ? 'admin' : 'user' }), created_at: i }));
  await fill('outbox', (i) => ({
    id: id('mail', i), user_id: u, to_address: person.email, type: 'account.notice', essential: 1, subject: `Notice ${i}`, text_body: `Hello ${i}`,
    headers: '{}', status: 'sent', next_attempt_at: i, lease_until: null, last_error: null, dedupe_key: null, created_at: i, sent_at: i,
  }));
  await fill('consents', (i) => ({ user_id: u, purpose: 'analytics', granted: i % 2, policy_version: null, created_at: i }));
  await fill('policy_acknowledgements', (i) => ({ user_id: u, version: `v${i}`, acknowledged_at: i }));
  await fill('exports', (i) => ({ id: id('export', i), user_id: u, status: 'expired', blob_key: null, bytes: null, error: null, created_at: i, ready_at: i, expires_at: i }));
  await fill('api_tokens', (i) => ({ id: id('token', i), user_id: u, name: `script ${i}`, token_hash: id('hash', i), prefix: `at_${i}`, scopes: '["images"]', created_at: i, last_used_at: null, expires_at: null }));
  await fill('webhooks', (i) => ({ id: id('hook', i), user_id: u, url: `https://192.0.2.1/${i}`, events: '["export.ready"]', secret: 'sealed', enabled: 1, consecutive_failures: 0, created_at: i, disabled_at: null }));
  await fill('webhook_deliveries', (i) => ({
    id: id('delivery', i), webhook_id: id('hook', 0), user_id: u, event: 'export.ready', payload: '{}', status: 'delivered', attempts: 1,
    response_code: 200, last_error: null, created_at: i, last_attempt_at: i,
  }));
  await fill('batches', (i) => ({ id: id('batch', i), user_id: u, file_name: `batch-${i}.csv`, row_count: 1, created_at: i, canceled_at: null, completed_at: null }));
  await fill('batch_rows', (i) => ({ batch_id: id('batch', 0), row_number: i + 1, line: i + 2, generation_id: id('gen', i) }));
  await fill('shares', (i) => ({
    id: id('share', i), user_id: u, token_hash: id('share-hash', i), target_kind: 'asset', target_id: assetIds[i], allow_download: 0, include_prompt: 0,
    password_hash: null, expires_at: null, revoked_at: null, created_at: i,
  }));
  await fill('support_messages', (i) => ({ id: id('support', i), user_id: u, reply_to: person.email, subject: `Help ${i}`, message: `Question ${i}`, asset_id: null, created_at: i }));
  await fill('prompt_snippets', (i) => ({ id: id('snippet', i), user_id: u, name: `Snippet ${i}`, text: `text ${i}`, created_at: i, updated_at: i }));
  await fill('passkeys', (i) => ({
    id: id('passkey', i), user_id: u, credential_id: id('cred', i), public_key: Buffer.from([1, 2, 3]), counter: 0, transports: '[]', backed_up: 0,
    name: `Key ${i}`, created_at: i, last_used_at: null,
  }));
  await fill('linked_identities', (i) => ({ id: id('identity', i), user_id: u, issuer: 'https://id.example.test', subject: id('subject', i), email: person.email, created_at: i, last_used_at: null }));
  await fill('account_tokens', (i) => ({ id: id('link', i), user_id: u, purpose: 'verify_email', email: person.email, created_at: i, expires_at: i + 1, used_at: null }));
  await fill('mfa_recovery_codes', (i) => ({ id: id('code', i), user_id: u, created_at: i, used_at: null }));
  await fill('invitations', (i) => ({ id: id('invite', i), token_hash: id('invite-hash', i), user_id: u, email: null, created_at: i, expires_at: i + 1, used_at: null, used_by: null }));
  await fill('credit_ledger', (i) => ({ id: id('credit', i), user_id: u, kind: 'adjust', amount: 1, generation_id: null, reason: `goodwill ${i}`, entry_key: null, created_at: i }));
  const step = JSON.stringify([{ kind: 'generate', prompt: '{{prompt}}' }]);
  await fill('workflows', (i) => ({ id: id('flow', i), user_id: u, name: `Flow ${i}`, steps: step, variables: '[]', created_at: i, updated_at: i }));
  await fill('workflow_runs', (i) => ({
    id: id('run', i), user_id: u, workflow_id: id('flow', 0), name: `Flow ${i}`, steps: step, inputs: '{}', status: 'failed', current_step: 0,
    progress: 0, error: null, created_at: i, started_at: i, finished_at: i,
  }));
  await fill('workflow_run_steps', (i) => ({
    run_id: id('run', i), idx: 0, generation_id: id('gen', i), asset_ids: '[]', status: 'failed', error: null, started_at: i, finished_at: i,
  }));
  await fill('content_reports', (i) => ({
    id: id('report', i), reporter_id: u, owner_id: admin.id, asset_id: id('theirs', i), share_id: null, reason: 'other', note: `note ${i}`,
    status: 'open', created_at: i, resolved_at: null, resolved_by: null,
  }));
  await db().insertInto('provider_keys').values({
    id: id('key', 0), user_id: u, provider: 'openai', sealed_key: 'sealed', key_suffix: 'abcd', base_url: null, monthly_image_cap: null, created_at: 1,
  }).execute();
  await fill('provider_key_spend', (i) => ({ generation_id: id('gen', i), key_id: id('key', 0), user_id: u, month: '2026-12', images: 1 }));
  await db().insertInto('mfa_totp').values({ user_id: u, secret: Buffer.from('sealed'), confirmed_at: 1, created_at: 1 }).execute();
  await db().insertInto('moderation_refusals').values({ user_id: u, refusals: 3, last_category: 'violence', last_refused_at: 1, suspended_at: null }).execute();
  await t.services.billing.adjust(u, 5, 'a goodwill credit');
  // Asked for by an administrator, say; its grace period far from over.
  await db().insertInto('deletion_requests').values({ user_id: u, state: 'pending', requested_at: 1, purge_at: 9e12 }).execute();
}

async function exportOf(person: TestUser): Promise<Map<string, Buffer>> {
  const queued = (await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: person.headers })).json();
  for (let e = queued; e.status !== 'ready'; await new Promise((r) => setTimeout(r, 100))) {
    e = (await t.app.inject({ url: `/api/v1/me/exports/${queued.id}`, headers: { cookie: person.cookie } })).json();
    expect(e.status).not.toBe('failed');
  }
  const res = await t.app.inject({ url: `/api/v1/me/exports/${queued.id}/download`, headers: { cookie: person.cookie } });
  return readZip(res.rawPayload);
}

const sum = (items: any[], field: string) => items.reduce((n, x) => n + x[field].length, 0);

/** For each table the export reads: how many of the person's rows the archive holds. */
const exportedRows: Record<string, (zip: Map<string, Buffer>) => number> = {
  users: (z) => (json(z, 'account.json').id === alice.id ? 1 : 0),
  policy_acknowledgements: (z) => json(z, 'account.json').policyAcknowledgements.length,
  consents: (z) => json(z, 'consents.json').history.length,
  sessions: (z) => json(z, 'sessions.json').length,
  audit_events: (z) => json(z, 'security-events.json').length,
  passkeys: (z) => json(z, 'passkeys.json').length,
  linked_identities: (z) => json(z, 'linked-identities.json').length,
  account_tokens: (z) => json(z, 'account-security.json').emailLinks.length,
  mfa_recovery_codes: (z) => json(z, 'account-security.json').recoveryCodes.length,
  mfa_totp: (z) => (json(z, 'account-security.json').twoStepSignIn ? 1 : 0),
  invitations: (z) => json(z, 'invitations.json').length,
  api_tokens: (z) => json(z, 'api-tokens.json').length,
  webhooks: (z) => json(z, 'webhooks.json').length,
  webhook_deliveries: (z) => sum(json(z, 'webhooks.json'), 'deliveries'),
  billing_accounts: (z) => (json(z, 'billing.json').account ? 1 : 0),
  credit_ledger: (z) => json(z, 'billing.json').credits.length,
  moderation_refusals: (z) => (json(z, 'moderation.json').refusedPrompts > 0 ? 1 : 0),
  batches: (z) => json(z, 'batches.json').length,
  batch_rows: (z) => sum(json(z, 'batches.json'), 'rows'),
  generations: (z) => json(z, 'generations.json').length,
  generation_outputs: (z) => sum(json(z, 'generations.json'), 'outputs'),
  prompt_snippets: (z) => json(z, 'prompt-snippets.json').length,
  albums: (z) => json(z, 'albums.json').length,
  album_assets: (z) => sum(json(z, 'albums.json'), 'assets'),
  shares: (z) => json(z, 'shares.json').length,
  support_messages: (z) => json(z, 'support.json').length,
  outbox: (z) => json(z, 'emails.json').length,
  exports: (z) => json(z, 'exports.json').length,
  deletion_requests: (z) => (z.has('deletion-request.json') ? 1 : 0),
  workflows: (z) => json(z, 'workflows.json').workflows.length,
  workflow_runs: (z) => json(z, 'workflows.json').runs.length,
  workflow_run_steps: (z) => json(z, 'workflows.json').runs.reduce((n: number, r: any) => n + r.steps.filter((x: any) => x.status !== 'pending').length, 0),
  content_reports: (z) => json(z, 'reports-made.json').length + (z.has('reports-about-you.json') ? json(z, 'reports-about-you.json').length : 0),
  provider_keys: (z) => json(z, 'provider-keys.json').length,
  provider_key_spend: (z) => json(z, 'provider-key-use.json').length,
  assets: (z) => [...z.keys()].filter((k) => /^media\/[^/]+\.json$/.test(k)).length,
  asset_tags: (z) => [...z.keys()].filter((k) => /^media\/[^/]+\.json$/.test(k)).reduce((n, k) => n + json(z, k).tags.length, 0),
};

/** Rows of the person in a table without a user_id column, through the row that owns them. */
const ownedThrough: Record<string, (userId: string) => Promise<number>> = {
  generation_outputs: async (u) => Number((await db().selectFrom('generation_outputs as o').innerJoin('generations as g', 'g.id', 'o.generation_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('g.user_id', '=', u).executeTakeFirstOrThrow()).n),
  album_assets: async (u) => Number((await db().selectFrom('album_assets as m').innerJoin('albums as a', 'a.id', 'm.album_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('a.user_id', '=', u).executeTakeFirstOrThrow()).n),
  batch_rows: async (u) => Number((await db().selectFrom('batch_rows as r').innerJoin('batches as b', 'b.id', 'r.batch_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('b.user_id', '=', u).executeTakeFirstOrThrow()).n),
  workflow_run_steps: async (u) => Number((await db().selectFrom('workflow_run_steps as s').innerJoin('workflow_runs as r', 'r.id', 's.run_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('r.user_id', '=', u).executeTakeFirstOrThrow()).n),
  content_reports: async (u) => Number((await db().selectFrom('content_reports').select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('reporter_id', '=', u), eb('owner_id', '=', u)])).executeTakeFirstOrThrow()).n),
  users: async () => 1,
};

describe('the personal data export holds every row, past the first page', () => {
  let zip: Map<string, Buffer>;
  beforeAll(async () => {
    await giveManyRows(alice);
    zip = await exportOf(alice);
  }, 300_000);

  it('checks every table the export modules say they read', () => {
    const declared = new Set(t.services.personalData.exportOrder.flatMap((m) => m.exported ?? []));
    expect(Object.keys(exportedRows).sort()).toEqual([...declared].sort());
  });

  it.each(Object.keys(exportedRows))('holds every row of %s', async (table) => {
    const stored = await (ownedThrough[table] ?? ((u: string) => countOf(table, u)))(alice.id);
    if (['users', 'billing_accounts', 'mfa_totp', 'moderation_refusals', 'deletion_requests', 'provider_keys'].includes(table)) expect(stored).toBe(1);
    else expect(stored).toBeGreaterThan(ASSET_PAGE);
    expect(exportedRows[table]!(zip)).toBe(stored);
  });

  it('holds each trashed image with its file, and administrators\' actions on the account without who made them', () => {
    const records = [...zip.keys()].filter((k) => /^media\/[^/]+\.json$/.test(k)).map((k) => json(zip, k));
    const trashed = records.filter((r) => r.deletedAt !== null);
    expect(trashed).toHaveLength(Math.floor(N / 2));
    for (const r of trashed) expect(zip.get(r.file)?.length).toBe(r.bytes);
    const actions = json(zip, 'administrator-actions.json');
    expect(actions).toHaveLength(N);
    expect(actions[1]).toEqual({ action: 'admin.role_changed', detail: { role: 'admin' }, at: expect.any(String) });
    expect(JSON.stringify(actions)).not.toContain(admin.id);
    expect(json(zip, 'security-events.json').find((e: any) => e.type === 'auth.login')).toMatchObject({ detail: 'password', ip: '192.0.2.0/24' });
    expect(json(zip, 'emails.json').find((m: any) => m.subject === 'Notice 7')).toMatchObject({ to: alice.email, text: 'Hello 7', status: 'sent' });
  });

  it('describes every file at its top in README.txt', () => {
    const readme = zip.get('README.txt')!.toString('utf8');
    const top = new Set([...zip.keys()].map((k) => k.split('/')[0]!).filter((k) => k !== 'README.txt').map((k) => (zip.has(k) ? k : `${k}/`)));
    for (const name of top) expect(readme, name).toContain(name);
  });
});
