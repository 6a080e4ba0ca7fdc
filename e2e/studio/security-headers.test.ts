import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type StudioPage } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// The built studio and the API docs under the server's Content-Security-Policy: nothing they need is refused.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let studio: StudioPage;
const violations: string[] = [];
/** The page's errors, less the 401 the studio's "who am I?" call gets before anyone has signed in. */
const unexpectedErrors = () => studio.errors.filter((e) => !e.includes('status of 401'));

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('csp'));
  studio = await openPage(browser, server.url);
  await studio.page.exposeFunction('reportCspViolation', (line: string) => void violations.push(line));
  await studio.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(line: string): void }).reportCspViolation(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

describe('the Content-Security-Policy in a real browser', () => {
  it('lets the studio sign up and show every screen of its navigation', async () => {
    const { page } = studio;
    const response = await page.goto('/signup');
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByLabel('Name').fill('Casey');
    await page.getByLabel('Email').fill('csp.person@example.test');
    await page.getByLabel('Password').fill('a long and careful password');
    await page.getByRole('button', { name: 'Create account' }).click();
    for (const name of ['History', 'Gallery', 'Albums', 'Trash', 'Settings', 'Admin', 'Create']) {
      await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(violations).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('lets Swagger UI render the API docs', async () => {
    const { page } = studio;
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(violations).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });
});
