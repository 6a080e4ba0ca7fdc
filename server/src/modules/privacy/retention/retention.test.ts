import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../config.js';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { runMaintenance } from '../../../maintenance.js';
import { image, multipart } from '../../assets/test-fixtures.js';
import { createTestApp, signUp, tempDir, waitForGeneration, type TestApp, type TestUser } from '../../../test-support/harness.js';

let t: TestApp;
let clock: ManualClock;
let person: TestUser;
let trashedId: string;

const count = async (table: 'audit_events' | 'jobs' | 'outbox' | 'sessions' | 'assets' | 'engine_runs') =>
  Number((await t.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  clock = new ManualClock(Date.UTC(2026, 6, 1));
  const base = testConfig(tempDir());
  t = await createTestApp({ clock, config: { sessionTtlDays: 20, trashRetentionDays: 5, privacy: { ...base.privacy, logRetentionDays: 10 } } });
  person = await signUp(t.app);
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: 'wrong password here' } });
  const form = multipart({ data: await image('png'), filename: 'old.png', contentType: 'image/png' });
  trashedId = (await t.app.inject({ method: 'POST', url: '/api/v1/assets', headers: { ...person.headers, ...form.headers }, payload: form.payload })).json().id;
  expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/assets/${trashedId}`, headers: person.headers })).statusCode).toBe(204);
  const g = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers, payload: { prompt: 'a field of poppies', size: '64x64' } });
  await waitForGeneration(t.app, person, g.json().id);
  await t.services.comms.outbox.send({ userId: person.id, to: person.email, type: 'security.password_changed', subject: 'Hello', text: 'x' });
  await t.services.engineHealth.record({ engine: 'seedream', model: 'm', outcome: 'error', httpStatus: 500, code: 'X', detail: 'provider said no', durationMs: 12 });
});
afterAll(() => t?.close());

describe('retention in the maintenance run (periods from configuration)', () => {
  it('[D-14][D-17] purges trash after ATELIER_TRASH_RETENTION_DAYS, not before', async () => {
    clock.advance(5 * DAY_MS - 1);
    expect((await runMaintenance(t.services)).purgedAssets).toBe(0);
    clock.advance(2);
    expect((await runMaintenance(t.services)).purgedAssets).toBe(1);
    expect(await t.services.db.selectFrom('assets').select('id').where('id', '=', trashedId).executeTakeFirst()).toBeUndefined();
  });

  it('[D-16] keeps sign-in logs, finished jobs and emails until ATELIER_LOG_RETENTION_DAYS have passed', async () => {
    expect(await count('audit_events')).toBeGreaterThanOrEqual(2); // sign-up and the failed sign-in
    expect(await count('jobs')).toBe(1);
    expect(await count('outbox')).toBe(2); // the sign-up's verification link and the notice
    clock.advance(10 * DAY_MS - 5 * DAY_MS - 1000); // just under 10 days after they were written
    const early = await runMaintenance(t.services);
    expect([early.auditEvents, early.finishedJobs, early.emails, early.engineRuns]).toEqual([0, 0, 0, 0]);

    clock.advance(1000 + 1);
    const report = await runMaintenance(t.services);
    expect(report.auditEvents).toBeGreaterThanOrEqual(2);
    expect(report.finishedJobs).toBe(1);
    expect(report.emails).toBe(2);
    expect(report.engineRuns).toBe(1); // provider logs too: one retention setting, not a fixed 30 days
    expect([await count('audit_events'), await count('jobs'), await count('outbox'), await count('engine_runs')]).toEqual([0, 0, 0, 0]);
  });

  it('[S-4] deletes sessions once they expire (ATELIER_SESSION_TTL_DAYS without use)', async () => {
    expect(await count('sessions')).toBe(1);
    clock.advance(10 * DAY_MS);
    expect((await runMaintenance(t.services)).expiredSessions).toBe(1);
    expect(await count('sessions')).toBe(0);
  });
});
