import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage, expectAccessible, openPage } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// The server and studio are built once by e2e/support/global-build.ts.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('large-view'));
  ({ page } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

interface Asset {
  id: string;
  favorite: boolean;
  deletedAt: string | null;
}

const api = <T>(method: string, url: string, body?: unknown) => apiInPage<T>(page, method, url, body);
/** The image the large view shows. */
const shownId = async () => /assets\/([^/]+)\/content/.exec((await page.getByRole('dialog').locator('figure img').first().getAttribute('src')) ?? '')?.[1];

describe('the large view opened from an image\'s actions menu', () => {
  it('steps with →, favourites with f and trashes with Delete, as the gallery\'s own viewer does', async () => {
    await page.goto('/');
    await api('POST', '/api/v1/auth/signup', { email: 'viewer@example.test', password: 'a long and fine password', name: 'Vi' });
    const started = await api<{ id: string }>('POST', '/api/v1/generations', { prompt: 'three boats in a harbour', count: 3, size: '1K' });
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/v1/generations/${started.id}`)).status, { timeout: 60_000 }).toBe('succeeded');
    const listed = (await api<{ items: Asset[] }>('GET', '/api/v1/assets')).items.map((a) => a.id);
    expect(listed).toHaveLength(3);

    await page.goto('/gallery');
    const tiles = page.getByRole('list', { name: 'Images' }).getByRole('listitem');
    await expect.poll(() => tiles.count()).toBe(3);
    await tiles.nth(0).getByRole('button', { name: 'Actions for this image' }).click();
    await page.getByRole('menuitem', { name: 'Open large' }).click();
    await page.getByRole('dialog', { name: 'Image viewer' }).waitFor();
    expect(await shownId()).toBe(listed[0]);
    await expectAccessible(page, 'large view from the actions menu');

    await page.keyboard.press('ArrowRight');
    await expect.poll(shownId).toBe(listed[1]);
    await page.keyboard.press('f');
    await expect.poll(async () => (await api<Asset>('GET', `/api/v1/assets/${listed[1]}`)).favorite).toBe(true);

    await page.keyboard.press('Delete');
    await expect.poll(async () => (await api<Asset>('GET', `/api/v1/assets/${listed[1]}`)).deletedAt).not.toBeNull();
    // The next image takes the trashed one's place, and the gallery no longer lists it.
    await expect.poll(shownId).toBe(listed[2]);
    await page.keyboard.press('Escape');
    await expect.poll(() => tiles.count()).toBe(2);
    // The page says what happened, as the actions menu does.
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Moved to the trash.' }).count()).toBeGreaterThan(0);
    expect((await api<Asset>('GET', `/api/v1/assets/${listed[0]}`)).favorite).toBe(false);
  });
});
