import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../../server/src/test-support/oidc-provider.js';
import { apiInPage, expectAccessible, openPage, screenshot } from '../support/browser.js';
import { freePort } from '../support/server-process.js';
import { createOperatorAccount, startStudio, stopStudio, type Studio } from '../support/studio.js';

// Single sign-on in a real browser: the login screen's button, a real OpenID provider (oidc-provider) on 127.0.0.1
// whose login step answers as a chosen person, and the browser carried back to the studio with a session.
let studio: Partial<Studio> = {};
let provider: TestOidcProvider | undefined;
let page: Page;

beforeAll(async () => {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  provider = await startOidcProvider(`${origin}/api/v1/auth/oidc/callback`);
  studio = await startStudio('sso', {
    PORT: String(port),
    ATELIER_PUBLIC_URL: origin,
    ATELIER_OIDC_ISSUER: provider.issuer,
    ATELIER_OIDC_CLIENT_ID: provider.clientId,
    ATELIER_OIDC_CLIENT_SECRET: provider.clientSecret,
    ATELIER_OIDC_BUTTON_LABEL: 'Sign in with Example ID',
  });
  await createOperatorAccount(studio.server!);
  ({ page } = await openPage(studio.browser!, origin));
}, 120_000);

afterAll(async () => {
  await stopStudio(studio);
  await provider?.close();
});

describe('single sign-on in the studio', () => {
  it('refuses an unverified email with a clear message, then signs a verified person in from the login screen', async () => {
    provider!.signInAs({ sub: 'sso-person', email: 'sso.person@example.test', email_verified: false, name: 'Sam Sso' });
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Example ID' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/has not verified your email address/);
    await expectAccessible(page, 'Login with a single sign-on refusal');
    await screenshot(page, 'sso-refused');

    provider!.signInAs({ sub: 'sso-person', email: 'sso.person@example.test', email_verified: true, name: 'Sam Sso' });
    await page.getByRole('link', { name: 'Sign in with Example ID' }).click();
    await page.getByLabel('Prompt').waitFor();
    const me = await apiInPage<{ email: string; name: string }>(page, 'GET', '/api/v1/me');
    expect(me).toMatchObject({ email: 'sso.person@example.test', name: 'Sam Sso' });
  });
});
