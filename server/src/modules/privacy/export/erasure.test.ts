import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../config.js';
import { createTestApp, signUp, tempDir, type TestApp } from '../../../test-support/harness.js';
import { findResidue, givePersonData } from '../deletion/test-support.js';

let t: TestApp;

beforeAll(async () => {
  const base = testConfig(tempDir());
  t = await createTestApp({ config: { privacy: { ...base.privacy, deletionGraceDays: 0 } } });
});
afterAll(() => t?.close());

describe('account purge and the data & communications tables', () => {
  it('[D-13][S-1] leaves no export file, export row, email, policy acknowledgement or analytics trace of the person', async () => {
    const person = await signUp(t.app);
    const prompt = `an erased orchard ${person.id.slice(0, 8)}`;
    await givePersonData(t.app, person, prompt);
    const exp = (await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: person.headers })).json();
    for (let e = exp; e.status !== 'ready'; await new Promise((r) => setTimeout(r, 50))) {
      e = (await t.app.inject({ url: `/api/v1/me/exports/${exp.id}`, headers: { cookie: person.cookie } })).json();
      expect(e.status).not.toBe('failed');
    }
    const newEmail = `moved-${person.email}`;
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { email: newEmail, currentPassword: person.password } });
    await t.app.inject({ method: 'POST', url: '/api/v1/me/policy-acknowledgement', headers: person.headers, payload: { version: t.services.config.privacy.policyVersion } });
    await t.app.inject({ method: 'POST', url: '/api/v1/analytics/events', headers: { ...person.headers, cookie: `${person.cookie}; atelier_analytics=1` }, payload: { feature: 'settings.open' } });
    await t.services.comms.analytics.flush();
    const { blobDir } = t.services.config;
    const before = await findResidue(t.services.config, blobDir, person.id, [person.email]);
    expect(before.cells).toEqual(expect.arrayContaining([expect.stringMatching(/^outbox\.to_address/), expect.stringMatching(/^exports\.user_id/)]));
    expect(before.blobFiles.some((f) => f.includes('exports'))).toBe(true);

    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: person.headers, payload: { password: person.password } });
    expect(res.statusCode).toBe(202);

    expect(await findResidue(t.services.config, blobDir, person.id, [person.email, newEmail, prompt])).toEqual({ cells: [], rawBytes: [], blobFiles: [] });
  });
});
