import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage, expectAccessible, openPage, screenshot, type StudioPage } from '../support/browser.js';
import { freePort } from '../support/server-process.js';
import { startStudio, stopStudio, type Studio } from '../support/studio.js';

// Passkeys in the studio with Chromium's virtual authenticator (CDP WebAuthn domain): a platform authenticator
// with resident keys and user verification, as a laptop's fingerprint reader is. WebAuthn needs a secure context and
// a domain as relying party id, so the studio is opened as http://localhost:<port>, its ATELIER_PUBLIC_URL.
let studio: Partial<Studio> = {};
let opened: StudioPage;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;
let origin: string;

const PERSON = { name: 'Pat Key', email: 'pat.key@example.test', password: 'a long and careful password' };

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  studio = await startStudio('passkeys', { PORT: String(port), ATELIER_PUBLIC_URL: origin });
  opened = await openPage(studio.browser!, origin);
  page = opened.page;
  cdp = await opened.context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));
}, 120_000);

afterAll(() => stopStudio(studio));

/** 'signed in' once the studio shows Create, else the text of an alert the login screen shows (null while neither). */
async function signedInOrAlert(): Promise<string | null> {
  if (await page.getByLabel('Prompt').count()) return 'signed in';
  const alert = page.getByRole('alert');
  return (await alert.count()) ? alert.first().textContent() : null;
}

const passkeysSection = () => page.getByRole('region', { name: 'Passkeys' });

describe('passkeys in the studio', () => {
  it('registers a passkey in Settings, logs out, and signs in with it instead of the password', async () => {
    await page.goto('/signup');
    await page.getByLabel('Name').fill(PERSON.name);
    await page.getByLabel('Email').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Prompt').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await passkeysSection().getByText('No passkeys yet.').waitFor();
    await passkeysSection().getByLabel('Passkey name').fill('This laptop');
    await page.bringToFront();
    await passkeysSection().getByRole('button', { name: 'Add a passkey' }).click();
    await passkeysSection().getByText('Passkey added.').waitFor();
    await passkeysSection().getByText('This laptop', { exact: true }).waitFor();
    await expectAccessible(page, 'Settings with a passkey');
    await screenshot(page, 'passkeys-settings');

    // The authenticator keeps a discoverable credential for this site, for this account.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });

    // The same authenticator cannot be registered twice for the account (the server excludes its credential).
    await passkeysSection().getByLabel('Passkey name').fill('Again');
    await passkeysSection().getByRole('button', { name: 'Add a passkey' }).click();
    await passkeysSection().getByText('This device already has a passkey for your account.').waitFor();

    await passkeysSection().getByRole('button', { name: 'Rename This laptop' }).click();
    await passkeysSection().getByLabel('Passkey name').first().fill('Work laptop');
    await passkeysSection().getByRole('button', { name: 'Save' }).click();
    await passkeysSection().getByText('Work laptop', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
    await expectAccessible(page, 'Login with passkey button');
    await screenshot(page, 'passkeys-login');
    await page.bringToFront(); // WebAuthn answers only a focused page
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect.poll(signedInOrAlert, { timeout: 15_000 }).toBe('signed in');

    const me = await apiInPage<{ email: string }>(page, 'GET', '/api/v1/me');
    expect(me.email).toBe(PERSON.email);
    const list = await apiInPage<{ items: { name: string; lastUsedAt: string | null }[] }>(page, 'GET', '/api/v1/me/passkeys');
    expect(list.items).toEqual([expect.objectContaining({ name: 'Work laptop', lastUsedAt: expect.any(String) })]);
    expect(opened.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('removes the passkey, after which it no longer signs in', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await passkeysSection().getByRole('button', { name: 'Remove Work laptop' }).click();
    await passkeysSection().getByText('No passkeys yet.').waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/This passkey is not registered here/);
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
  });
});
