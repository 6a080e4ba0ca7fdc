import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { runMaintenance } from '../../../maintenance.js';
import { createTestApp, signUp, type TestApp, type TestUser } from '../../../test-support/harness.js';
import { findResidue, givePersonData } from './test-support.js';
import { TombstoneLog } from './tombstone-log.js';

let t: TestApp;
let clock: ManualClock;
afterEach(() => t?.close());

async function start(graceDays = 7) {
  clock = new ManualClock(Date.now());
  t = await createTestApp({ clock });
  t.services.config.privacy.deletionGraceDays = graceDays;
}

const deleteMe = (user: TestUser, password: string) =>
  t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: user.headers, payload: { password } });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
const login = (user: TestUser) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });

describe('account deletion', () => {
  it('refuses a wrong password with PASSWORD_INCORRECT and leaves the account as it was', async () => {
    await start();
    const alice = await signUp(t.app);
    const res = await deleteMe(alice, 'not my password');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PASSWORD_INCORRECT');
    expect((await me(alice.cookie)).statusCode).toBe(200);
  });

  it('signs out every session at once, clears the cookies and disables the account', async () => {
    await start();
    const alice = await signUp(t.app);
    const other = await login(alice); // a second device
    expect(other.statusCode).toBe(200);
    const otherCookie = other.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const res = await deleteMe(alice, alice.password);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'pending_deletion', purgeAt: new Date(clock.now() + 7 * DAY_MS).toISOString() });
    expect(res.cookies.filter((c) => c.value === '').map((c) => c.name).sort()).toEqual(['atelier_csrf', 'atelier_session']);
    // The browser drops its cached copies of the person's images (they are cached as immutable).
    expect(res.headers['clear-site-data']).toBe('"cache"');
    expect((await me(alice.cookie)).statusCode).toBe(401);
    expect((await me(otherCookie)).statusCode).toBe(401);
    const sessions = await t.services.db.selectFrom('sessions').select('id').where('user_id', '=', alice.id).execute();
    expect(sessions).toHaveLength(0);
  });

  it('stops the person\'s work at once, jobs not yet handed to the queue included', async () => {
    await start();
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    // Written with their subjects, and not yet handed over (no commit is announced, so no relay takes them).
    for (const person of [alice, bob]) {
      await t.services.db.transaction().execute((trx) =>
        t.services.jobOutbox.addIn(trx, { kind: 'generation', subjectId: `waiting-${person.id}`, userId: person.id, cost: 1 }));
    }
    expect((await deleteMe(alice, alice.password)).statusCode).toBe(202);
    const waiting = await t.services.db.selectFrom('job_outbox').select('user_id').execute();
    expect(waiting).toEqual([{ user_id: bob.id }]);
  });

  it('is canceled by logging in during the grace period, and the account is kept after it', async () => {
    await start();
    const alice = await signUp(t.app);
    expect((await deleteMe(alice, alice.password)).statusCode).toBe(202);
    clock.advance(6 * DAY_MS);

    const res = await login(alice);
    expect(res.statusCode).toBe(200);
    expect(res.json().deletionCanceled).toBe(true);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await me(cookie)).statusCode).toBe(200);

    clock.advance(2 * DAY_MS);
    expect((await runMaintenance(t.services)).purgedAccounts).toBe(0);
    const again = await login(alice);
    expect(again.statusCode).toBe(200);
    expect(again.json().deletionCanceled).toBeUndefined();
  });

  it('after the grace period the purge leaves nothing of the person: no rows, blobs, thumbnails or key', async () => {
    await start();
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const prompt = `a lighthouse canary ${alice.id.slice(0, 8)}`;
    await givePersonData(t.app, alice, prompt);
    const bobData = await givePersonData(t.app, bob, 'a quiet harbour');
    expect(await t.services.keyring.hasKey(alice.id)).toBe(true);
    const { blobDir } = t.services.config;
    const before = await findResidue(t.services.config, blobDir, alice.id, [alice.email, prompt]);
    expect(before.cells).toEqual(expect.arrayContaining(['users.email has ' + JSON.stringify(alice.email), 'generations.prompt has ' + JSON.stringify(prompt)]));
    expect(before.blobFiles.some((f) => f.includes('thumb'))).toBe(true);

    expect((await deleteMe(alice, alice.password)).statusCode).toBe(202);
    clock.advance(7 * DAY_MS - 1);
    expect((await runMaintenance(t.services)).purgedAccounts).toBe(0); // still inside the grace period
    clock.advance(1);
    expect((await runMaintenance(t.services)).purgedAccounts).toBe(1);

    expect(await findResidue(t.services.config, blobDir, alice.id, [alice.email, prompt])).toEqual({ cells: [], rawBytes: [], blobFiles: [] });
    expect(await t.services.keyring.hasKey(alice.id)).toBe(false);
    // The tombstone is all that is left: the id and the date, in the table and the file beside the database.
    const tombstone = await t.services.db.selectFrom('deletion_tombstones').selectAll().execute();
    expect(tombstone).toEqual([{ user_id: alice.id, deleted_at: clock.now() }]);
    expect(new TombstoneLog(t.dataDir).readAll()).toEqual([{ userId: alice.id, deletedAt: clock.now() }]);
    expect(fs.readFileSync(new TombstoneLog(t.dataDir).file, 'utf8')).not.toContain(alice.email);
    // Logging in no longer works: there is no account to export or restore.
    expect((await login(alice)).statusCode).toBe(401);

    // Bob is untouched.
    for (const id of bobData.assetIds) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/assets/${id}/content`, headers: { cookie: bob.cookie } });
      expect(res.statusCode).toBe(200);
    }
  });

  it('with a grace period of 0 purges at once', async () => {
    await start(0);
    const alice = await signUp(t.app);
    await givePersonData(t.app, alice, 'an immediate goodbye');
    const res = await deleteMe(alice, alice.password);
    expect(res.statusCode).toBe(202);
    expect(res.json().purgeAt).toBe(new Date(clock.now()).toISOString());
    const { blobDir } = t.services.config;
    expect(await findResidue(t.services.config, blobDir, alice.id, [alice.email, 'an immediate goodbye'])).toEqual({ cells: [], rawBytes: [], blobFiles: [] });
    expect(await t.services.keyring.hasKey(alice.id)).toBe(false);
  });

  it('limits wrong password attempts per account', async () => {
    await start();
    t.services.config.loginRateLimit = 10;
    const alice = await signUp(t.app);
    for (let i = 0; i < 10; i++) {
      expect((await deleteMe(alice, 'wrong password')).statusCode).toBe(403);
      clock.advance(1000 * 2 ** Math.max(0, i - 2)); // the growing pause after the third attempt
    }
    const res = await deleteMe(alice, alice.password);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});
