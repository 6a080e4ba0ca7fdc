import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../config.js';
import { DAY_MS, ManualClock } from '../../../lib/clock.js';
import { runMaintenance } from '../../../maintenance.js';
import { createTestApp, signUp, tempDir, type TestApp, type TestUser } from '../../../test-support/harness.js';

function privacy(overrides: Partial<Config['privacy']>, env: Record<string, string> = {}): Partial<Config> {
  const base = loadConfig({ ATELIER_DATA_DIR: tempDir(), ATELIER_LOG_LEVEL: 'silent', ...env });
  return { engines: base.engines, privacy: { ...base.privacy, ...overrides } };
}

describe('/privacy rendered from live configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      config: {
        trashRetentionDays: 12,
        sessionTtlDays: 20,
        ...privacy({
          policyVersion: '3.1', policyEffectiveDate: '2026-02-03', logRetentionDays: 17, deletionGraceDays: 9, backupKeepDays: 21,
          exportRetentionDays: 5, analyticsRetentionDays: 90, reportRetentionDays: 200, trainingUse: 'never', privacyContact: 'privacy@atelier.example',
          supportRetentionDays: 45, supportEmail: 'help@atelier.example',
        }),
      },
    });
  });
  afterAll(() => t?.close());

  it('says what deletion leaves, that backups moved elsewhere are not erased, and that exports of your data are encrypted', async () => {
    const text = (await t.app.inject('/privacy')).body.replace(/\s+/g, ' ');
    expect(text).toContain("What deletion leaves is a tombstone: your account's id and the date it was deleted, nothing else");
    expect(text).toContain("Copies of backups that the operator moves out of this server's backup folder are out of its reach and are not erased.");
    expect(text).toContain('every export of your data, is encrypted at rest');
  });

  it('says what emailed links, two-step sign-in, passkeys and single sign-on keep, in what form and for how long', async () => {
    const text = (await t.app.inject('/privacy')).body.replace(/\s+/g, ' ');
    expect(text).toContain("We keep only a one-way hash (SHA-256) of each link's secret, with the address it is for and when it expires");
    expect(text).toContain('a sign-up link works for 48 hours, an address confirmation link for 48 hours, a password reset link for 30 minutes');
    expect(text).toContain('an invitation for the days the administrator chose (7 unless they chose otherwise)');
    expect(text).toContain('the name, the address and the password hash typed at sign-up wait with it and no account exists');
    expect(text).toContain("your authenticator app's secret is stored encrypted (sealed) with your own key, and your recovery codes only as one-way hashes");
    expect(text).toContain('the name you give it, its public key (the private key never leaves your device)');
    expect(text).toContain("that provider's address (its issuer), your id there (the subject) and the email address it confirmed");
  });

  it('says what a report of a shared image keeps, who sees it, and for how long', async () => {
    const text = (await t.app.inject('/privacy')).body.replace(/\s+/g, ' ');
    expect(text).toContain('the report keeps which image and link, the reason you picked, your note, your account and the time');
    expect(text).toContain('you are not told who reported it');
    expect(text).toContain('A report stays until an administrator closes it, then for 200 days.');
    expect(text).toContain('a report you made that is still open stays until it is reviewed, with your account and your note removed from it');
  });

  it('says what a message to support keeps, where it is emailed, for how long, and that it is erased and exported', async () => {
    const text = (await t.app.inject('/privacy')).body.replace(/\s+/g, ' ');
    expect(text).toContain('the message keeps its subject, your text, the image you pointed to (if any), your account, the email address to answer and the time');
    expect(text).toContain('It is also emailed to the operator\'s support address, <a href="mailto:help@atelier.example">help@atelier.example</a>.');
    expect(text).toContain('A copy of your message is emailed to you.');
    expect(text).toContain('Messages to support are deleted 45 days after you wrote them, or sooner with your account: deleting the account erases them. They are in your data export.');
    const zh = (await t.app.inject('/privacy?lang=zh')).body.replace(/\s+/g, '');
    expect(zh).toContain('消息还会通过邮件发送到运营者的支持地址<ahref="mailto:help@atelier.example">help@atelier.example</a>。');
    expect(zh).toContain('你的消息副本会通过邮件发给你。');
    expect(zh).toContain('发给支持的消息在你写下后45天删除；删除账户时会提前随账户一起清除。这些消息包含在你的数据导出中。');
  });

  it('records the version a person agreed to when they signed up', async () => {
    const person = await signUp(t.app);
    const rows = await t.services.db.selectFrom('policy_acknowledgements').select(['version']).where('user_id', '=', person.id).execute();
    expect(rows).toEqual([{ version: '3.1' }]);
  });

  it('[S-10][D-25] states the version and effective date, also in GET /api/v1/policy', async () => {
    const page = await t.app.inject('/privacy');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Version 3.1, effective 2026-02-03');
    expect(page.body).not.toContain('<script');
    expect((await t.app.inject('/api/v1/policy')).json()).toEqual({ version: '3.1', effectiveDate: '2026-02-03', url: '/privacy' });
  });

  it('[D-16][D-18][D-14] gives the retention, trash, grace and backup periods in force', async () => {
    const body = (await t.app.inject('/privacy')).body;
    expect(body).toContain('log entries are deleted after 17 days');
    expect(body).toContain('stay in your trash for 12 days');
    expect(body).toContain('after 9 days (during which signing in again cancels it)');
    expect(body).toContain('Backups are kept for 21 days');
    expect(body).toContain('A data export file is deleted 5 days after it was made');
    expect(body).toContain('ends after 20 days without use');
    expect(body).toContain('kept for 90 days');
  });

  it('[D-3][D-11] says prompts and images are never used for training when training use is never', async () => {
    const body = (await t.app.inject('/privacy')).body;
    expect(body).toContain('never used to train, fine-tune or otherwise improve any model');
    expect(body).not.toContain('only if you turn on');
  });

  it('[D-2] says nothing leaves the server when only the built-in engine is configured', async () => {
    expect((await t.app.inject('/privacy')).body).toContain('not sent to any outside model provider');
  });

  it('[S-12] names the contact address', async () => {
    expect((await t.app.inject('/privacy')).body).toContain('<a href="mailto:privacy@atelier.example">privacy@atelier.example</a>');
  });
});

describe('/privacy with a model provider and training offered', () => {
  it('[S-3][D-2] names each configured provider and says training needs the person\'s opt-in', async () => {
    const t = await createTestApp({ config: privacy({ trainingUse: 'opt_in' }, { ATELIER_SEEDREAM_API_KEY: 'test-key-not-real' }) });
    try {
      const body = (await t.app.inject('/privacy')).body;
      const seedream = t.services.engines.list().find((e) => e.id === 'seedream')!;
      expect(body).toContain(`<li>${seedream.name}`);
      expect(body).toContain('the prompt, its parameters and the images you give');
      expect(body).toContain('only if you turn on the\n"training" choice');
      // The per-image and per-album mark that keeps images out whatever the choice: said so.
      expect(body.replace(/\s+/g, ' ')).toContain('mark an image, or a whole album, <strong>"Never use for training"</strong>');
      // The dataset zip is written unencrypted to a file the operator names (atelier dataset export --out FILE): said so.
      expect(body.replace(/\s+/g, ' ')).toContain('The training export is the one file that is not encrypted: the server\'s operator runs it and names the file');
      expect(body).not.toContain('test-key-not-real');
      // No support address configured: messages stay in the admin console.
      expect(body.replace(/\s+/g, ' ')).toContain('The administrators read it in the admin console; it is not emailed to anyone else.');
      expect(body).toContain('Messages to support are deleted 365 days after');
    } finally {
      await t.close();
    }
  });
});

describe('material policy change', () => {
  const EFFECTIVE = Date.UTC(2026, 4, 1);
  let t: TestApp;
  let clock: ManualClock;
  let before: TestUser;
  let after: TestUser;

  beforeAll(async () => {
    clock = new ManualClock(EFFECTIVE - 10 * DAY_MS);
    t = await createTestApp({
      clock,
      config: privacy({ policyVersion: '2.0', policyEffectiveDate: '2026-05-01', policyMaterial: true, policyChangeSummary: 'We now keep logs for 30 days.' }),
    });
    before = await signUp(t.app);
  });
  afterAll(() => t?.close());

  const me = async (u: TestUser) => (await t.app.inject({ url: '/api/v1/me', headers: { cookie: u.cookie } })).json();

  it('shows no notice before the effective date', async () => {
    expect((await me(before)).policyNotice).toBeNull();
    expect((await runMaintenance(t.services)).policyAnnouncements).toBe(0);
  });

  it('[D-24][S-10] shows people who joined before it a notice until they acknowledge the version in force', async () => {
    clock.advance(10 * DAY_MS);
    after = await signUp(t.app);
    const notice = { version: '2.0', effectiveDate: '2026-05-01', summary: 'We now keep logs for 30 days.' };
    expect((await me(before)).policyNotice).toEqual(notice);
    expect((await me(after)).policyNotice).toBeNull();
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: before.email, password: before.password } });
    expect(login.json().user.policyNotice).toEqual(notice); // the studio shows it right after signing in

    const stale = await t.app.inject({ method: 'POST', url: '/api/v1/me/policy-acknowledgement', headers: before.headers, payload: { version: '1.0' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('POLICY_VERSION_OUTDATED');
    const ack = await t.app.inject({ method: 'POST', url: '/api/v1/me/policy-acknowledgement', headers: before.headers, payload: { version: '2.0' } });
    expect(ack.statusCode).toBe(204);
    expect((await me(before)).policyNotice).toBeNull();
  });

  it('[D-24][D-22] announces it by one essential email per person who joined before it, once per version', async () => {
    const third = await signUp(t.app); // joined after: agreed to 2.0 at sign-up
    // Made to look as if they joined before the change: an earlier sign-up, and no agreement to 2.0 recorded.
    await t.services.db.updateTable('users').set({ created_at: EFFECTIVE - DAY_MS }).where('id', '=', third.id).execute();
    await t.services.db.deleteFrom('policy_acknowledgements').where('user_id', '=', third.id).execute();
    expect((await runMaintenance(t.services)).policyAnnouncements).toBe(1); // `before` already acknowledged
    expect((await runMaintenance(t.services)).policyAnnouncements).toBe(0);
    const mails = await t.services.db.selectFrom('outbox').selectAll().where('type', '=', 'policy.changed').execute();
    expect(mails.map((m) => m.to_address)).toEqual([third.email]);
    expect(mails[0]).toMatchObject({ essential: 1, headers: '{}' });
    expect(mails[0]!.text_body).toContain('Version 2.0 applies from 2026-05-01');
  });

  it('requires a signed-in person to acknowledge', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/me/policy-acknowledgement', payload: { version: '2.0' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('non-material change', () => {
  it('shows no notice and sends no email', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const t = await createTestApp({ clock, config: privacy({ policyVersion: '1.1', policyEffectiveDate: '2026-01-10', policyMaterial: false }) });
    try {
      const u = await signUp(t.app);
      clock.advance(20 * DAY_MS);
      const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: u.cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json().policyNotice).toBeNull();
      expect((await runMaintenance(t.services)).policyAnnouncements).toBe(0);
    } finally {
      await t.close();
    }
  });
});
