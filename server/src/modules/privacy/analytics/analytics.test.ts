import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { tablesWithColumns } from '../../../db/introspection.js';
import { runMaintenance } from '../../../maintenance.js';
import { appForFile, waitForGeneration } from '../../../test-support/harness.js';

const IP_A = '203.0.113.45';
const IP_B = '2001:db8:85a3:8d3:1319:8a2e:370:7348';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const clock = new ManualClock(Date.UTC(2026, 5, 10, 8));
const { t, people: [admin, person] } = appForFile({ clock, people: 2 });
let style: string;
beforeAll(() => {
  style = t.services.engines.get('builtin').describe().styles[0]!;
});

const event = (feature: string, opts: { cookie?: string; ip?: string; ua?: string } = {}) =>
  t.app.inject({
    method: 'POST', url: '/api/v1/analytics/events', payload: { feature }, remoteAddress: opts.ip ?? IP_A,
    headers: { 'user-agent': opts.ua ?? UA, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
  });

const report = async (days = 1) => {
  const res = await t.app.inject({ url: `/api/v1/admin/analytics?days=${days}`, headers: { cookie: admin.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().days as any[];
};

describe('usage analytics', () => {
  it('[D-9][S-2] counts generations per feature, engine, style and size, as daily totals, only with analytics accepted', async () => {
    const withConsent = { ...person.headers, cookie: `${person.headers.cookie}; atelier_analytics=1` };
    for (const headers of [person.headers, withConsent, withConsent]) {
      const g = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers, payload: { prompt: 'a quiet harbour', size: '64x64', style } });
      expect(g.statusCode).toBe(202);
      await waitForGeneration(t.app, person, g.json().id);
    }
    const [today] = await report();
    expect(today).toMatchObject({ date: '2026-06-10', features: { generate: 2 }, engines: { builtin: 2 }, styles: { [style]: 2 }, sizes: { '64x64': 2 } });
  });

  it('[S-5] counts a studio event only when the analytics cookie is present', async () => {
    expect((await event('gallery.open')).statusCode).toBe(204);
    expect((await report())[0].features['gallery.open']).toBeUndefined();
    expect((await event('gallery.open', { cookie: 'atelier_analytics=1' })).statusCode).toBe(204);
    expect((await report())[0].features['gallery.open']).toBe(1);
  });

  it('refuses a feature name that is free text', async () => {
    const res = await event('My Holiday Photos <script>', { cookie: 'atelier_analytics=1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('counts distinct visitors a day without keeping who they are', async () => {
    await event('studio.open', { cookie: 'atelier_analytics=1' });
    await event('studio.open', { cookie: 'atelier_analytics=1', ip: IP_B });
    await event('studio.open', { cookie: 'atelier_analytics=1', ip: IP_B });
    const [today] = await report();
    expect(today.visitors).toBe(2); // IP_A (also seen above) and IP_B
    expect(today.features['studio.open']).toBe(3);
  });

  it('[D-9] keeps no user id, email, IP address or browser string in any analytics table', async () => {
    await t.services.comms.analytics.flush();
    const needles = [admin.id, person.id, admin.email, person.email, IP_A, '203.0.113', IP_B, '2001:db8', UA, 'Chrome'];
    const tables = (await tablesWithColumns(t.services.db)).filter((table) => table.name.startsWith('analytics_'));
    expect(tables.map((table) => table.name).sort()).toEqual(['analytics_daily', 'analytics_salts', 'analytics_visitors']);
    for (const { name, columns } of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.services.db);
      const text = JSON.stringify(rows.rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
      for (const needle of needles) expect(text, `${name} holds ${needle}`).not.toContain(needle);
      expect(columns).not.toEqual(expect.arrayContaining(['user_id']));
    }
  });

  it('deletes the visitor salt and hashes of a day as soon as the next day begins (always within 48 hours)', async () => {
    const salts = () => t.services.db.selectFrom('analytics_salts').select('day').execute();
    const hashes = () => t.services.db.selectFrom('analytics_visitors').select('day').execute();
    expect((await salts()).map((s) => s.day)).toEqual(['2026-06-10']);
    expect((await hashes()).length).toBe(2);
    clock.advance(DAY_MS);
    const report1 = await runMaintenance(t.services);
    expect(report1.visitorSalts).toBe(1);
    expect(await salts()).toEqual([]);
    expect(await hashes()).toEqual([]);
    // The same visitor the next day is counted again under a fresh salt; yesterday's total is kept.
    await event('studio.open', { cookie: 'atelier_analytics=1' });
    const [yesterday, today] = await report(2);
    expect([yesterday.visitors, today.visitors]).toEqual([2, 1]);
    expect((await salts()).map((s) => s.day)).toEqual(['2026-06-11']);
  });

  it('shows the totals to admins only', async () => {
    const res = await t.app.inject({ url: '/api/v1/admin/analytics', headers: { cookie: person.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/admin/analytics' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/admin/analytics?days=0', headers: { cookie: admin.cookie } })).statusCode).toBe(400);
  });

  it('deletes daily totals older than the analytics retention', async () => {
    clock.advance(t.services.config.privacy.analyticsRetentionDays * DAY_MS);
    expect((await runMaintenance(t.services)).analyticsDays).toBeGreaterThan(0);
    const left = await t.services.db.selectFrom('analytics_daily').select('day').where('day', '<', '2026-06-11').execute();
    expect(left).toEqual([]);
  });
});
