import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot, apiInPage as callApiInPage } from '../support/browser.js';
import { startServer, type RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// The studio's privacy screens against the real server (built once by e2e/support/global-build.ts).
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

const EMAIL = 'privacy.person@example.test';
const PASSWORD = 'a long and careful password';
const NEW_PASSWORD = 'another long careful password';
const CHANGE_SUMMARY = 'Sign-in logs are now kept for 21 days instead of 30.';
const today = () => new Date().toISOString().slice(0, 10);

/** The first server: version 1 of the policy, logs kept 21 days. */
const PRIVACY_ENV = { ATELIER_LOG_RETENTION_DAYS: '21', ATELIER_WORKER_CONCURRENCY: '1' };
const baseEnv = () => ({ ATELIER_DATA_DIR: dataDir, ...PRIVACY_ENV });

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('privacy', PRIVACY_ENV));
  ({ context, page, errors } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

const analyticsCookie = async () => (await context.cookies()).find((c) => c.name === 'atelier_analytics');
const region = (name: string) => page.getByRole('region', { name, exact: true });
const banner = () => region('Cookies');

/** The names of the entries of a zip, read from its central directory. */
function zipEntryNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

/** The page's API, as the studio calls it. */
function apiInPage<T>(method: string, url: string, body?: unknown): Promise<T> {
  return callApiInPage<T>(page, method, url, body);
}

async function openSettings(): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}

describe('the studio privacy screens against the real server', () => {
  it('[S-5] sets only essential cookies until analytics are accepted in the banner, and reopens it from the footer', async () => {
    await page.goto('/');
    await banner().waitFor();
    await expectAccessible(page, 'cookie banner');
    await banner().getByRole('button', { name: 'Essential only' }).click();
    expect(await banner().count()).toBe(0);
    expect(await analyticsCookie()).toBeUndefined();
    expect((await context.cookies()).map((c) => c.name)).not.toContain('atelier_analytics');

    await page.reload();
    // No account exists yet: the studio opens on the first-run screen.
    await page.getByRole('heading', { name: 'Create the administrator account' }).waitFor();
    expect(await banner().count()).toBe(0); // the choice is remembered

    await page.getByRole('button', { name: 'Cookie settings' }).click();
    await banner().getByText('Current choice: essential cookies only.').waitFor();
    await banner().getByRole('button', { name: 'Accept analytics' }).click();
    expect(await analyticsCookie()).toMatchObject({ value: '1', path: '/' });
  });

  it('[S-10][D-25][D-16] shows the policy page, reachable before signing in, with the values this server was started with', async () => {
    await page.getByRole('link', { name: 'Privacy policy' }).first().click();
    await page.waitForURL('**/privacy?lang=en');
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/\b21 days\b/);
    expect(text).toContain('Version 1');
    await screenshot(page, 'privacy-policy-page');
    await page.goBack();
  });

  it('[D-20][S-3] signs up, then keeps the consents changed in Settings after a reload', async () => {
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Priya');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await openSettings();

    const consents = region('Your choices');
    const training = consents.getByRole('checkbox', { name: 'Allow my prompts and images to be used to improve models' });
    const emails = consents.getByRole('checkbox', { name: 'Send me product news and tips by email' });
    await training.waitFor();
    expect(await training.isChecked()).toBe(false); // off until the person turns it on
    expect(await emails.isChecked()).toBe(false);
    await emails.check();
    await expect.poll(() => emails.isDisabled()).toBe(false);
    await training.check();
    await expect.poll(() => training.isDisabled()).toBe(false);

    await page.reload();
    await training.waitFor();
    expect(await training.isChecked()).toBe(true);
    expect(await emails.isChecked()).toBe(true);
    const server1 = await apiInPage<{ consents: Record<string, { granted: boolean }> }>('GET', '/api/v1/me/consents');
    expect(server1.consents.training!.granted).toBe(true);
    expect(server1.consents.product_emails!.granted).toBe(true);

    await training.uncheck();
    await expect.poll(() => training.isDisabled()).toBe(false);
    await page.reload();
    await training.waitFor();
    expect(await training.isChecked()).toBe(false);
    await expectAccessible(page, 'settings');
  });

  it('[D-21][D-10] prepares a data export, downloads it as a zip holding account.json, and explains the one-a-day limit', async () => {
    const exports = region('Download your data');
    await exports.getByRole('button', { name: 'Prepare my data' }).click();
    const download = exports.getByRole('link', { name: 'Download' });
    await download.waitFor({ timeout: 60_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const zip = fs.readFileSync((await file.path())!);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const names = zipEntryNames(zip);
    expect(names).toEqual(expect.arrayContaining(['account.json', 'consents.json', 'sessions.json']));

    await exports.getByRole('button', { name: 'Prepare my data' }).click();
    const alert = exports.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^You already asked for an export today\. You can ask again in about 2[34] h\.$/);
    await screenshot(page, 'privacy-settings-export');
  });

  it('[D-20] changes the password in Settings, which queues an essential email (read on the admin page)', async () => {
    const section = region('Password');
    await section.getByLabel('Current password').fill(PASSWORD);
    await section.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await section.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await section.getByRole('button', { name: 'Change password' }).click();
    await section.getByText(/Password changed\./).waitFor();
  });

  it('[D-24] after a material policy change, shows the notice once and records the acknowledgement', async () => {
    // Some usage for the admin page, counted in daily totals.
    const started = await apiInPage<{ id: string }>('POST', '/api/v1/generations', { prompt: 'a quiet harbour at dawn', size: '1K' });
    for (let i = 0; i < 600; i++) {
      const g = await apiInPage<{ status: string }>('GET', `/api/v1/generations/${started.id}`);
      if (!['queued', 'running'].includes(g.status)) break;
      await page.waitForTimeout(100);
    }
    await apiInPage('GET', '/api/v1/admin/analytics'); // reading the report writes the day's counts to the database

    // The account must predate the new version's effective date (today): move its sign-up back two days, then
    // restart the server with version 2 declared material.
    await server.kill();
    const db = new SQLite(path.join(dataDir, 'atelier.db'));
    try {
      const changed = db.prepare('UPDATE users SET created_at = created_at - ? WHERE email = ?').run(2 * 86_400_000, EMAIL).changes;
      expect(changed).toBe(1);
    } finally {
      db.close();
    }
    server = await startServer({
      ...baseEnv(),
      ATELIER_POLICY_VERSION: '2',
      ATELIER_POLICY_EFFECTIVE_DATE: today(),
      ATELIER_POLICY_MATERIAL: 'true',
      ATELIER_POLICY_CHANGE_SUMMARY: CHANGE_SUMMARY,
    });
    ({ page, errors } = await openPage(browser, server.url));
    context = page.context();
    await page.goto('/');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    const notice = page.getByRole('dialog', { name: 'Our privacy policy has changed' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(CHANGE_SUMMARY);
    expect(await notice.innerText()).toContain(`Version 2, in force from ${today()}.`);
    await expectAccessible(page, 'policy notice');
    await screenshot(page, 'privacy-policy-notice');
    await notice.getByRole('button', { name: 'I have read this' }).click();
    await notice.waitFor({ state: 'detached' });

    await page.reload();
    await page.getByRole('navigation').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    const me = await apiInPage<{ policyNotice: unknown }>('GET', '/api/v1/me');
    expect(me.policyNotice).toBeNull();
  });

  it('[D-9][D-22] shows admins engine health, usage totals and the outbox with this server\'s data', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

    const engines = page.getByRole('region', { name: 'Engine health', exact: true }).getByRole('table');
    await engines.waitFor();
    const builtin = engines.getByRole('row', { name: /built-in/i });
    expect(await builtin.innerText()).toContain('Healthy');
    expect(await builtin.innerText()).toContain('last 24 h: 0 calls');

    const usage = page.getByRole('region', { name: 'Usage, last 30 days', exact: true }).getByRole('table');
    await usage.waitFor();
    const day = usage.getByRole('row', { name: new RegExp(today()) });
    expect(await day.innerText()).toMatch(/generate 1/);
    expect(await day.innerText()).toMatch(/builtin 1/);

    const outbox = page.getByRole('region', { name: 'Outbox', exact: true }).getByRole('table');
    await outbox.waitFor();
    const passwordMail = outbox.getByRole('row', { name: /security\.password_changed/ });
    expect(await passwordMail.innerText()).toContain(EMAIL);
    expect(await passwordMail.innerText()).toContain('The password of your Atelier account was changed');
    await expectAccessible(page, 'admin');
    await screenshot(page, 'privacy-admin');
  });

  it('[D-13] deletes the account with the password, signs out, and a login during the grace period cancels it', async () => {
    await openSettings();
    const danger = region('Delete your account');
    await danger.getByRole('button', { name: 'Delete my account…' }).click();
    await danger.getByLabel('Confirm with your password').fill('not my password');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await danger.getByRole('alert').getByText('The password is not right.').waitFor();

    await danger.getByLabel('Confirm with your password').fill(NEW_PASSWORD);
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    const done = region('Your account is scheduled for deletion');
    await done.getByRole('status').getByText(/Everything will be erased on/).waitFor();
    expect((await context.cookies()).map((c) => c.name)).not.toContain('atelier_session');
    await done.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const welcome = page.getByRole('status').filter({ hasText: 'logging in has canceled that' });
    await welcome.waitFor();
    await screenshot(page, 'privacy-deletion-canceled');

    const outbox = await apiInPage<{ items: { type: string; to: string }[] }>('GET', '/api/v1/admin/outbox');
    expect(outbox.items.map((m) => m.type)).toEqual(expect.arrayContaining(['account.deletion_requested', 'account.deletion_canceled']));
    // The console lists the refused requests (the wrong password, calls after signing out); no script failed.
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
