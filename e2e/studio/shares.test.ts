import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage as callApiInPage, expectAccessible, openPage, screenshot } from '../support/browser.js';
import { freePort, type RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// Share links from the studio, opened by somebody who is not signed in, then revoked; and the trash purge.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let publicUrl: string;

const PROMPT = 'a secret garden behind a blue door';

beforeAll(async () => {
  // The links name ATELIER_PUBLIC_URL: the server is started on a port chosen here, so the two agree.
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  ({ dataDir, server, browser } = await startStudio('shares', { PORT: String(port), ATELIER_PUBLIC_URL: publicUrl }));
  ({ page } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

const api = <T>(method: string, url: string, body?: unknown) => callApiInPage<T>(page, method, url, body);

interface Gen { id: string; status: string; outputs: { asset?: { id: string } }[] }

async function finished(id: string): Promise<Gen> {
  for (let i = 0; i < 600; i++) {
    const g = await api<Gen>('GET', `/api/v1/generations/${id}`);
    if (!['queued', 'running'].includes(g.status)) return g;
    await page.waitForTimeout(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

/** Fills the open share dialog and returns the link it shows. */
async function createLink(title: string, opts: { allowDownload?: boolean } = {}): Promise<string> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  if (opts.allowDownload) await dialog.getByLabel('Allow download').check();
  await expectAccessible(page, `share dialog (${title})`);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const link = dialog.getByLabel('Link', { exact: true });
  await link.waitFor();
  const url = await link.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  return url;
}

describe('sharing from the studio', () => {
  let images: string[];
  let imageLink: string;
  let albumLink: string;
  let visitor: BrowserContext;

  it('makes two images whose stored copies carry the prompt', async () => {
    await page.goto('/');
    await api('POST', '/api/v1/auth/signup', { email: 'sharer@example.test', password: 'a long and fine password', name: 'Sam' });
    await api('PATCH', '/api/v1/me', { preferences: { embedPromptInImages: true } });
    const g = await finished((await api<Gen>('POST', '/api/v1/generations', { prompt: PROMPT, count: 2, size: '1K' })).id);
    expect(g.status).toBe('succeeded');
    images = g.outputs.map((o) => o.asset!.id);
  });

  it('shares an image from its actions menu and an album from its page', async () => {
    await page.goto('/gallery');
    const tiles = page.getByRole('list', { name: 'Images' }).getByRole('listitem');
    await expect.poll(() => tiles.count(), { timeout: 20_000 }).toBe(2);
    await tiles.first().getByRole('button', { name: 'Actions for this image' }).click();
    await page.getByRole('menuitem', { name: 'Share' }).click();
    imageLink = await createLink('Share this image');
    expect(imageLink).toMatch(new RegExp(`^${publicUrl}/s/[A-Za-z0-9_-]{43}$`));

    const album = await api<{ id: string }>('POST', '/api/v1/albums', { name: 'Garden days' });
    await api('POST', `/api/v1/albums/${album.id}/assets`, { assetIds: images });
    await page.goto(`/albums/${album.id}`);
    await page.getByRole('button', { name: 'Share' }).click();
    albumLink = await createLink('Share this album', { allowDownload: true });
  });

  it('opens both links signed out: the page, its preview card, and images without the prompt', async () => {
    // bypassCSP lets the test inject axe; the page's own policy is checked on its headers.
    visitor = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const view = await visitor.newPage();
    const res = await view.goto(imageLink);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['x-robots-tag']).toBe('noindex, nofollow');
    expect(res!.headers()['set-cookie']).toBeUndefined();
    expect(res!.headers()['content-security-policy']).toContain("default-src 'none'");
    await view.getByRole('heading', { name: 'Shared image' }).waitFor();
    expect(await view.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
    const ogImage = (await view.locator('meta[property="og:image"]').getAttribute('content'))!;
    expect(ogImage.startsWith(`${publicUrl}/s/`)).toBe(true);
    expect(await view.locator('meta[property="og:title"]').getAttribute('content')).toBe('Shared image');
    expect(await view.getByText(PROMPT).count()).toBe(0);
    expect(await view.getByRole('link', { name: 'Download' }).count()).toBe(0);
    await expectAccessible(view, 'shared image page');
    await screenshot(view, 'share-image');

    const served = await visitor.request.get(ogImage);
    expect(served.status()).toBe(200);
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    const bytes = (await served.body()).toString('latin1');
    expect(bytes).toContain('cv.iptc.org/newscodes/digitalsourcetype/');
    expect(bytes).not.toContain(PROMPT);

    await view.goto(albumLink);
    await view.getByRole('heading', { name: 'Garden days' }).waitFor();
    expect(await view.getByRole('img').count()).toBe(2);
    const download = view.getByRole('link', { name: 'Download' }).first();
    const file = await visitor.request.get(new URL((await download.getAttribute('href'))!, albumLink).href);
    expect(file.headers()['content-disposition']).toMatch(/^attachment; /);
    expect((await file.body()).toString('latin1')).not.toContain(PROMPT);
    await expectAccessible(view, 'shared album page');
    await screenshot(view, 'share-album');
    expect(await visitor.cookies()).toEqual([]);
  });

  it('lists the links with their views in Settings, revokes the image link, and the link answers 410', async () => {
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Shared links' });
    await section.getByText('1 view(s)').first().waitFor();
    await expectAccessible(page, 'settings with shared links');
    await section.getByRole('button', { name: /^Revoke the link to Image/ }).click();
    await page.getByText('Link revoked: it no longer works.').waitFor();
    const view = await visitor.newPage();
    const res = await view.goto(imageLink);
    expect(res!.status()).toBe(410);
    await view.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    expect((await visitor.request.get(albumLink)).status()).toBe(200);
  });

  it('fits the gallery captions whole on a 375 px phone, in English and Chinese', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    for (const locale of ['en', 'zh']) {
      await page.evaluate((l) => localStorage.setItem('atelier.locale', l), locale);
      await page.goto('/gallery');
      const captions = page.locator('.asset-kind');
      await expect.poll(() => captions.count(), { timeout: 20_000 }).toBe(2);
      const clipped = await captions.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
      expect(clipped, `clipped captions (${locale})`).toEqual([]);
    }
    await page.evaluate(() => localStorage.setItem('atelier.locale', 'en'));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('empties the trash for good after a confirmation that says it cannot be undone; the album link then is gone', async () => {
    await api('POST', '/api/v1/assets/bulk', { action: 'delete', ids: images });
    await page.goto('/trash');
    await page.getByRole('button', { name: 'Empty trash' }).click();
    const dialog = page.getByRole('dialog', { name: 'Empty the trash?' });
    await dialog.getByText('This cannot be undone.', { exact: false }).waitFor();
    await expectAccessible(page, 'empty trash confirmation');
    await dialog.getByRole('button', { name: 'Empty trash' }).click();
    await page.getByText('Deleted 2 image(s) for good.').waitFor();
    await page.getByText('The trash is empty.').waitFor();
    const left = await api<{ items: unknown[] }>('GET', '/api/v1/assets?trash=true');
    expect(left.items).toEqual([]);
    expect((await visitor.request.get(albumLink)).status()).toBe(410);
    // The owner's list says the album link shows nothing any more, and why, instead of "Active".
    await page.goto('/settings');
    const album = page.getByRole('region', { name: 'Shared links' }).getByRole('listitem').filter({ hasText: 'Album' });
    await album.getByText('Unavailable').waitFor();
    await album.getByText('It shows nothing: the album is empty.', { exact: false }).waitFor();
    await visitor.close();
  });
});
