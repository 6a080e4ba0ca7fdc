import { describe, expect, it } from 'vitest';
import { appForFile, signUp, type TestUser } from '../../test-support/harness.js';
import { image, multipart } from '../assets/test-fixtures.js';

// The first person signed up is the administrator.
const { t, people: [admin, owner, reader] } = appForFile({ people: 3 });

const send = (user: TestUser, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: user.headers, ...(payload ? { payload } : {}) });
const get = (user: TestUser, url: string) => t.app.inject({ url, headers: { cookie: user.cookie } });

async function upload(user: TestUser): Promise<string> {
  const body = multipart({ data: await image('png', 8, 8), filename: 'holiday.png' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...user.headers, ...body.headers }, payload: body.payload });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** A share link of one image (or of an album of several); answers the token. */
async function shared(user: TestUser, target: { assetId: string } | { albumId: string }): Promise<string> {
  const res = await send(user, '/api/v1/shares', { ...target, allowDownload: false });
  expect(res.statusCode).toBe(201);
  return (res.json().url as string).split('/s/')[1]!;
}

const openQueue = async () => (await get(admin, '/api/v1/admin/reports?status=open')).json().items as Array<Record<string, any>>;
const auditActions = async () => (await get(admin, '/api/v1/admin/audit')).json().items.map((e: { action: string }) => e.action) as string[];

describe('reporting a shared image', () => {
  it('takes one open report per person and image, and refuses what cannot be reported', async () => {
    const assetId = await upload(owner);
    const token = await shared(owner, { assetId });
    const page = await t.app.inject({ url: `/s/${token}`, remoteAddress: '203.0.113.40' });
    expect(page.body).toContain(`href="/report?share=${token}&amp;asset=${assetId}"`);
    const first = await send(reader, '/api/v1/reports', { shareToken: token, reason: 'harassment', note: ' It names my \u0007neighbour. ' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ reason: 'harassment', status: 'open' });
    const again = await send(reader, '/api/v1/reports', { shareToken: token, assetId, reason: 'other' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    expect((await send(owner, '/api/v1/reports', { shareToken: token, reason: 'other' })).statusCode).toBe(409);
    expect((await send(reader, '/api/v1/reports', { shareToken: 'x'.repeat(43), reason: 'other' })).statusCode).toBe(404);
    expect((await send(reader, '/api/v1/reports', { shareToken: token, assetId: 'not-in-it', reason: 'other' })).statusCode).toBe(404);
    expect((await send(reader, '/api/v1/reports', { shareToken: token, reason: 'boring' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { shareToken: token, reason: 'other' } })).statusCode).toBe(401);

    const album = await send(owner, '/api/v1/albums', { name: 'Trip' });
    const albumId = album.json().id as string;
    const two = [await upload(owner), await upload(owner)];
    await send(owner, `/api/v1/albums/${albumId}/assets`, { assetIds: two });
    const albumToken = await shared(owner, { albumId });
    const unsaid = await send(reader, '/api/v1/reports', { shareToken: albumToken, reason: 'violence' });
    expect(unsaid.statusCode).toBe(400);
    expect(unsaid.json().error.details).toMatchObject({ field: 'assetId' });
    expect((await send(reader, '/api/v1/reports', { shareToken: albumToken, assetId: two[1], reason: 'violence' })).statusCode).toBe(201);

    const item = (await openQueue()).find((r) => r.id === first.json().id)!;
    expect(item).toMatchObject({
      reason: 'harassment', note: 'It names my neighbour.', status: 'open',
      image: { assetId, prompt: null, thumbnailUrl: `/api/v1/admin/reports/${first.json().id}/thumbnail` },
      reporter: { id: reader.id, email: reader.email }, owner: { id: owner.id, email: owner.email, status: 'active' },
      history: { reports: { open: 2 }, refusedPrompts: 0, suspensions: 0 },
    });
    const thumb = await get(admin, item.image.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await get(reader, '/api/v1/admin/reports')).statusCode).toBe(403);
    expect((await get(reader, item.image.thumbnailUrl)).statusCode).toBe(403);
  });

  it('warns the owner by email, dismisses, and closes a report once only; every action is audited', async () => {
    const assetId = await upload(owner);
    const token = await shared(owner, { assetId });
    const report = (await send(reader, '/api/v1/reports', { shareToken: token, reason: 'copyright' })).json();
    const warned = await send(admin, `/api/v1/admin/reports/${report.id}/warn`);
    expect(warned.statusCode).toBe(200);
    expect(warned.json()).toMatchObject({ status: 'warned' });
    const mail = await t.services.db.selectFrom('outbox').select(['type', 'subject', 'text_body']).where('to_address', '=', owner.email).where('type', '=', 'moderation.warning').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text_body).toContain('"copyright"');
    expect((await send(admin, `/api/v1/admin/reports/${report.id}/dismiss`)).statusCode).toBe(409);
    expect((await send(reader, `/api/v1/admin/reports/${report.id}/dismiss`)).statusCode).toBe(403);

    const other = (await send(reader, '/api/v1/reports', { shareToken: token, reason: 'other' })).json();
    expect((await send(admin, `/api/v1/admin/reports/${other.id}/dismiss`)).json()).toMatchObject({ status: 'dismissed' });
    expect(await auditActions()).toEqual(expect.arrayContaining(['admin.report_warned', 'admin.report_dismissed']));
    const closed = (await get(admin, '/api/v1/admin/reports?status=dismissed')).json().items;
    expect(closed.map((r: { id: string }) => r.id)).toContain(other.id);
  });

  it('removes the image from every link and the owner\'s library, answering every open report of it', async () => {
    const assetId = await upload(owner);
    const token = await shared(owner, { assetId });
    const second = await shared(owner, { assetId });
    const someoneElse = await signUp(t.app);
    const a = (await send(reader, '/api/v1/reports', { shareToken: token, reason: 'illegal' })).json();
    const b = (await send(someoneElse, '/api/v1/reports', { shareToken: second, reason: 'illegal' })).json();
    const removed = await send(admin, `/api/v1/admin/reports/${a.id}/remove`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'removed', image: { thumbnailUrl: null } });
    expect((await t.app.inject({ url: `/s/${token}`, remoteAddress: '203.0.113.50' })).statusCode).toBe(410);
    expect((await t.app.inject({ url: `/s/${second}`, remoteAddress: '203.0.113.51' })).statusCode).toBe(410);
    expect((await get(owner, `/api/v1/assets/${assetId}`)).statusCode).toBe(404);
    expect((await openQueue()).map((r) => r.id)).not.toContain(b.id);
    expect(await auditActions()).toContain('admin.report_removed');
  });

  it('suspends the owner through the admin suspension, which the next report\'s history shows', async () => {
    const target = await signUp(t.app);
    const assetId = await upload(target);
    const token = await shared(target, { assetId });
    const report = (await send(reader, '/api/v1/reports', { shareToken: token, reason: 'hate' })).json();
    const suspended = await send(admin, `/api/v1/admin/reports/${report.id}/suspend`);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', owner: { status: 'suspended' }, history: { suspensions: 1, reports: { suspended: 1 } } });
    expect((await t.services.users.findById(target.id))?.suspension_reason).toContain('hate');
    expect((await get(target, '/api/v1/me')).statusCode).toBe(401);
    expect(await auditActions()).toEqual(expect.arrayContaining(['admin.user_suspended', 'admin.report_suspended']));
  });
});

describe('reports as personal data', () => {
  const module = () => t.services.personalData.erasureOrder.find((m) => m.tables.includes('content_reports'))!;

  it('exports the reports a person made and those about them (without who reported), and erasure keeps only open ones, anonymised', async () => {
    const author = await signUp(t.app);
    const reporter = await signUp(t.app);
    const first = await upload(author);
    const second = await upload(author);
    const open = (await send(reporter, '/api/v1/reports', { shareToken: await shared(author, { assetId: first }), reason: 'sexual', note: 'see it' })).json();
    const closed = (await send(reporter, '/api/v1/reports', { shareToken: await shared(author, { assetId: second }), reason: 'other' })).json();
    await send(admin, `/api/v1/admin/reports/${closed.id}/dismiss`);

    const files = async (userId: string) => {
      const out: Record<string, unknown> = {};
      for await (const entry of module().exportFor!(userId)) if ('json' in entry) out[entry.path] = entry.json;
      return out;
    };
    const made = await files(reporter.id);
    expect(made['reports-made.json']).toEqual([
      expect.objectContaining({ id: open.id, reason: 'sexual', note: 'see it', status: 'open' }),
      expect.objectContaining({ id: closed.id, status: 'dismissed' }),
    ]);
    const about = (await files(author.id))['reports-about-you.json'] as object[];
    expect(about).toHaveLength(2);
    expect(JSON.stringify(about)).not.toContain(reporter.id);
    expect(JSON.stringify(about)).not.toContain('see it');

    await module().eraseFor(reporter.id);
    const left = await t.services.db.selectFrom('content_reports').select(['id', 'reporter_id', 'note']).where('owner_id', '=', author.id).execute();
    expect(left).toEqual([{ id: open.id, reporter_id: null, note: null }]);
    await module().eraseFor(author.id);
    expect(await t.services.db.selectFrom('content_reports').select('id').where('owner_id', '=', author.id).execute()).toEqual([]);
  });

  it('the retention run deletes reports closed long ago', async () => {
    const assetId = await upload(owner);
    const report = (await send(reader, '/api/v1/reports', { shareToken: await shared(owner, { assetId }), reason: 'other' })).json();
    await send(admin, `/api/v1/admin/reports/${report.id}/dismiss`);
    await t.services.db.updateTable('content_reports').set({ resolved_at: Date.now() - 366 * 86_400_000 }).where('id', '=', report.id).execute();
    expect(await t.services.reports.deleteExpired()).toBeGreaterThanOrEqual(1);
    expect(await t.services.db.selectFrom('content_reports').select('id').where('id', '=', report.id).execute()).toEqual([]);
  });
});
