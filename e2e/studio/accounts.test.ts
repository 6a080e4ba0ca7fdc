import SQLite from 'better-sqlite3';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// Accounts in the studio against the real server: first run, two-step sign-in, the admin console, password reset.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

const ADMIN = { name: 'Ada Admin', email: 'ada.admin@example.test', password: 'a long and careful password' };
const NEW_PASSWORD = 'an entirely new passphrase';
let recoveryCodes: string[] = [];

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('accounts', { ATELIER_WORKER_CONCURRENCY: '0' }));
  ({ page, errors } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

/** The newest email of this type to this address, read from the outbox table (no SMTP on this server). */
function lastMailText(to: string, type: string): string {
  const db = new SQLite(path.join(dataDir, 'atelier.db'), { readonly: true });
  try {
    const row = db.prepare('select text_body from outbox where to_address = ? and type = ? order by created_at desc limit 1').get(to, type) as
      { text_body: string } | undefined;
    if (!row) throw new Error(`no ${type} email to ${to}`);
    return row.text_body;
  } finally {
    db.close();
  }
}

/** The link in the newest email of this type to this address, once it is written (emails go out after the answer). */
async function emailedLink(to: string, type: string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 50; i++, await new Promise((r) => setTimeout(r, 100))) {
    try {
      const link = lastMailText(to, type).match(pattern)?.[0];
      if (link) return link;
    } catch { /* not written yet */ }
  }
  throw new Error(`no ${type} email to ${to}`);
}

async function logInWithPassword(password: string) {
  await page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function secondStep(code: string) {
  await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

describe('accounts in the studio', () => {
  it('opens a fresh server on "Create the administrator account"', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Create the administrator account' }).waitFor();
    await expectAccessible(page, 'first run');
    await page.getByLabel('Name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });

  it('sets up two-step sign-in with a QR code, shows the recovery codes once, and asks for a code at login', async () => {
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    const qr = page.getByRole('img', { name: 'QR code to add Atelier to an authenticator app' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expectAccessible(page, 'settings, two-step set-up');
    const secret = (await page.locator('.settings-section code').first().textContent())!;
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    await page.getByLabel('Code from the app').fill(code);
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Two-step sign-in is on.').waitFor();
    recoveryCodes = await page.locator('.mfa-codes code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();

    await page.getByRole('button', { name: 'Log out' }).click();
    await logInWithPassword(ADMIN.password);
    await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
    await expectAccessible(page, 'second login step');
    await secondStep(recoveryCodes[0]!);
  });

  it('signs a new person up by email: "check your email", then the emailed link and the password chosen', async () => {
    const { page: bea, errors: beaErrors } = await openPage(browser, server.url);
    await bea.goto('/signup');
    await bea.getByLabel('Name').fill('Bea');
    await bea.getByLabel('Email').fill('bea@example.test');
    await bea.getByLabel('Password').fill('bea has a long password');
    await bea.getByRole('button', { name: 'Create account' }).click();
    await bea.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(bea, 'sign-up email sent');
    const url = new URL(await emailedLink('bea@example.test', 'account.signup_link', /https?:\/\/\S+\/signup\/confirm\?token=\S+/));
    await bea.goto(`${url.pathname}${url.search}`);
    await bea.getByRole('heading', { name: 'Finish creating your account' }).waitFor();
    await expectAccessible(bea, 'finish sign-up');
    await bea.getByLabel('Password').fill('not the password bea chose');
    await bea.getByRole('button', { name: 'Create my account' }).click();
    await bea.getByText('That is not the password you chose when you signed up.').waitFor();
    await bea.getByLabel('Password').fill('bea has a long password');
    await bea.getByRole('button', { name: 'Create my account' }).click();
    await bea.getByRole('button', { name: 'Log out' }).waitFor();
    expect(beaErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await bea.context().close();
  });

  it('lists accounts for the administrator, suspends one with a reason, and records it in the audit log', async () => {
    await page.goto('/admin');
    const accounts = page.getByRole('region', { name: 'Accounts', exact: true });
    const bea = accounts.getByRole('row', { name: /bea@example\.test/ });
    await bea.waitFor();
    await expectAccessible(page, 'admin console');
    await bea.getByRole('button', { name: 'Suspend' }).click();
    await bea.getByLabel(/Reason/).fill('Shared their account');
    await bea.getByRole('button', { name: 'Suspend now' }).click();
    await bea.getByText('suspended: Shared their account').waitFor();
    await page.getByRole('region', { name: 'Audit log', exact: true }).getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('region', { name: 'Audit log', exact: true }).getByText('Account suspended', { exact: true }).first().waitFor();
    await screenshot(page, 'accounts-admin');
  });

  it('resets a forgotten password from the login screen through the emailed link', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(/If an account uses this address/).waitFor();

    const url = new URL(await emailedLink(ADMIN.email, 'security.password_reset', /https?:\/\/\S+\/reset\?token=\S+/));
    await page.goto(`${url.pathname}${url.search}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'reset password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText(/every session was signed out/).waitFor();
    expect(lastMailText(ADMIN.email, 'security.password_changed')).toContain('password of your Atelier account was changed');

    await page.getByRole('link', { name: 'Back to the login' }).click();
    await logInWithPassword(NEW_PASSWORD);
    await secondStep(recoveryCodes[1]!);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
