import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot, VIEWPORTS, type StudioPage, apiInPage as callApiInPage } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import type { ApiClient } from '../support/api-client.js';
import { createOperatorAccount, followSignupLink, promoteToAdmin, startStudio, stopStudio } from '../support/studio.js';

// Every screen of the studio on a 375×812 phone: nothing wider than the screen, the main controls on screen and
// usable, no serious accessibility violations. Screenshots: e2e/artifacts/phone-*.png.
// The server and studio are built once by e2e/support/global-build.ts.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let studio: StudioPage;
let page: Page;
let operator: ApiClient;

const PERSON = { name: 'Pia Phone', email: 'pia.phone@example.test', password: 'a long and fine password' };
const PROMPT = 'a green valley with a winding river at dawn';

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('phone'));
  operator = await createOperatorAccount(server);
  studio = await openPage(browser, server.url, VIEWPORTS.phone);
  page = studio.page;
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

/** The page's API, as the studio calls it. */
function apiInPage<T>(method: string, url: string, body?: unknown): Promise<T> {
  return callApiInPage<T>(page, method, url, body);
}

interface Gen {
  id: string;
  status: string;
  outputs: { asset?: { id: string } }[];
}

async function finished(id: string): Promise<Gen> {
  for (let i = 0; i < 600; i++) {
    const g = await apiInPage<Gen>('GET', `/api/v1/generations/${id}`);
    if (!['queued', 'running'].includes(g.status)) return g;
    await page.waitForTimeout(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

/** How many CSS pixels the page is wider than the screen (0 when nothing scrolls sideways). */
const sidewaysOverflow = () =>
  page.evaluate(() => Math.max(0, document.scrollingElement!.scrollWidth - window.innerWidth));

/** The control is shown, lies within the screen's width once scrolled to, and is not covered by something else. */
async function expectReachable(control: Locator, what: string): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  expect(box, `${what} has no box`).not.toBeNull();
  expect(box!.x, `${what} starts left of the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends right of the screen`).toBeLessThanOrEqual(VIEWPORTS.phone.width + 0.5);
  // A trial click checks that the control would receive the click (visible, enabled, not hidden under a bar).
  await control.click({ trial: true, timeout: 5_000 });
}

/** Waits until the images in view are decoded, so the screenshot shows the screen as a person sees it. */
const imagesLoaded = () =>
  page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 30_000 });

async function inspect(screen: string, controls: Record<string, Locator>): Promise<void> {
  await imagesLoaded();
  expect(await sidewaysOverflow(), `${screen} scrolls sideways`).toBe(0);
  for (const [what, control] of Object.entries(controls)) await expectReachable(control, `${screen}: ${what}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectAccessible(page, `${screen} at 375 px`);
  await screenshot(page, `phone-${screen}`);
}

const nav = () => page.getByRole('navigation', { name: 'Main' });
const tiles = () => page.getByRole('list', { name: 'Images' }).getByRole('listitem');

describe('every screen of the studio on a 375 px wide phone', () => {
  let kept: string[] = [];
  let albumId = '';

  it('shows sign-in with the cookie banner, then signs up, keeping the analytics choice made before', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
    await page.getByRole('region', { name: 'Cookies' }).waitFor();
    await inspect('sign-in', {
      email: page.getByLabel('Email'),
      password: page.getByLabel('Password'),
      'log in': page.getByRole('button', { name: 'Log in' }),
      'accept analytics': page.getByRole('button', { name: 'Accept analytics' }),
    });
    await page.getByRole('button', { name: 'Accept analytics' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(PERSON.name);
    await page.getByLabel('Email').fill(PERSON.email);
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await followSignupLink(page, operator, PERSON.email, PERSON.password);
    await page.getByLabel('Prompt').waitFor();
    // The choice made in the banner before the account existed is recorded on the new account.
    const analytics = async () => (await apiInPage<{ consents: { analytics: { granted: boolean } } }>('GET', '/api/v1/me/consents')).consents.analytics.granted;
    await expect.poll(analytics).toBe(true);
  });

  it('fits Create, its engine controls and a finished set on the screen', async () => {
    const started = await apiInPage<Gen>('POST', '/api/v1/generations', { prompt: PROMPT, count: 3, size: '1K', aspectRatio: '16:9' });
    const set = await finished(started.id);
    expect(set.status).toBe('succeeded');
    kept = set.outputs.map((o) => o.asset!.id);
    await page.getByLabel('Prompt').fill(PROMPT);
    await inspect('create', {
      prompt: page.getByLabel('Prompt'),
      'set size': page.getByLabel('Images in the set'),
      generate: page.getByRole('button', { name: 'Generate', exact: true }),
      navigation: nav().getByRole('link', { name: 'Gallery' }),
      'log out': page.getByRole('button', { name: 'Log out' }),
    });
  });

  it('fits History with its filters and the set', async () => {
    await page.goto('/history');
    await page.getByRole('heading', { name: PROMPT }).waitFor();
    await inspect('history', {
      search: page.getByLabel('Search prompts and instructions'),
      kind: page.getByLabel('Kind'),
      status: page.getByLabel('Status'),
      'first output': page.locator('.history-output img').first(),
    });
  });

  it('fits the Gallery grid, its filters and the bulk bar', async () => {
    // Something in an album and something in the trash, for the screens after this one.
    albumId = (await apiInPage<{ id: string }>('POST', '/api/v1/albums', { name: 'Valley walks' })).id;
    await apiInPage('POST', `/api/v1/albums/${albumId}/assets`, { assetIds: kept.slice(0, 2) });
    await apiInPage('DELETE', `/api/v1/assets/${kept[2]}`);
    await page.goto('/gallery');
    await expect.poll(() => tiles().count()).toBe(2);
    await tiles().nth(0).getByRole('checkbox').check();
    await page.getByText('1 selected').waitFor();
    await inspect('gallery', {
      kind: page.getByLabel('Kind'),
      'favourites only': page.getByLabel('Favourites only'),
      'second tile': tiles().nth(1).getByRole('button', { name: /^Open / }),
      'tile actions': tiles().nth(1).getByRole('button', { name: 'Actions for this image' }),
      'bulk delete': page.locator('.bulk-bar').getByRole('button', { name: 'Move to trash' }),
      'bulk add to album': page.locator('.bulk-bar').getByRole('button', { name: 'Add to album' }),
    });
    await page.keyboard.press('Escape');
  });

  it('keeps Gallery and History filters in the address, across a reload and the Back button', async () => {
    await page.goto('/gallery');
    await expect.poll(() => tiles().count()).toBe(2);
    await page.getByLabel('Favourites only').check();
    await page.waitForURL('**/gallery?favorite=1');
    await page.getByText('No images match these filters.').waitFor();
    await page.reload();
    expect(await page.getByLabel('Favourites only').isChecked()).toBe(true);
    await page.goBack();
    await page.waitForURL('**/gallery');
    expect(await page.getByLabel('Favourites only').isChecked()).toBe(false);
    await expect.poll(() => tiles().count()).toBe(2);

    await page.goto('/history?status=failed');
    expect(await page.getByLabel('Status').inputValue()).toBe('failed');
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.getByLabel('Search prompts and instructions').fill('valley');
    await page.waitForURL('**/history?status=failed&q=valley');
    // Typing replaced the entry instead of adding one per pause: Back goes to the screen before.
    await page.goBack();
    await page.waitForURL('**/gallery');
    await expect.poll(() => tiles().count()).toBe(2);
  });

  it('fits the albums list and an album', async () => {
    await page.goto('/albums');
    await page.getByText('2 image(s)').waitFor();
    await inspect('albums', { open: page.getByRole('link', { name: 'Open album Valley walks' }) });
    await page.getByRole('link', { name: 'Open album Valley walks' }).click();
    await page.getByRole('heading', { name: 'Valley walks' }).waitFor();
    await expect.poll(() => tiles().count()).toBe(2);
    await inspect('album', { 'first tile': tiles().nth(0).getByRole('button', { name: /^Open / }) });
  });

  it('fits the Trash with its restore button', async () => {
    await page.goto('/trash');
    const restore = page.getByRole('button', { name: /^Restore:/ });
    await expect.poll(() => restore.count()).toBe(1);
    await inspect('trash', { restore });
  });

  it('fits Edit with its instruction box, tools and before/after view', async () => {
    await page.goto(`/edit/${kept[0]}`);
    await page.getByLabel('Describe the edit').fill('make it warmer');
    await page.getByLabel('Brightness').fill('15');
    await inspect('edit', {
      instruction: page.getByLabel('Describe the edit'),
      'apply instruction': page.getByRole('button', { name: 'Apply instruction' }),
      aspect: page.getByRole('radiogroup', { name: 'Aspect' }),
      brightness: page.getByLabel('Brightness'),
      'apply edits': page.getByRole('button', { name: 'Apply edits' }),
    });
  });

  it('fits Settings with its sections', async () => {
    await page.goto('/settings');
    await page.getByText('This device').waitFor();
    await inspect('settings', {
      'active sessions': page.getByRole('heading', { name: 'Active sessions' }),
      'change password': page.getByLabel('Current password').first(),
    });
  });

  it('fits Admin with its tables', async () => {
    await promoteToAdmin(operator, PERSON.email);
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.admin-section .loading'));
    await inspect('admin', { outbox: page.getByRole('heading', { name: 'Outbox' }) });
  });

  it('keeps Create and the Gallery readable in the dark theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.goto('/');
      await page.getByLabel('Prompt').waitFor();
      await inspect('dark-create', { generate: page.getByRole('button', { name: 'Generate', exact: true }) });
      await page.goto('/gallery');
      await expect.poll(() => tiles().count()).toBe(2);
      await inspect('dark-gallery', { kind: page.getByLabel('Kind') });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('logged no errors in the page', () => {
    expect(studio.errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
  });
});
