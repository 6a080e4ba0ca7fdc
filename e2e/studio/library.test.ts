import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot, apiInPage as callApiInPage } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// The server and studio are built once by e2e/support/global-build.ts.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

const PROMPT = 'a red lighthouse on a cliff at sunset';

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('library'));
  ({ page, errors } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

/** The page's API, as the studio calls it. */
function apiInPage<T>(method: string, url: string, body?: unknown): Promise<T> {
  return callApiInPage<T>(page, method, url, body);
}

interface Gen {
  id: string;
  status: string;
  outputs: { index: number; asset?: { id: string; width: number; height: number } }[];
}

async function finished(id: string): Promise<Gen> {
  for (let i = 0; i < 600; i++) {
    const g = await apiInPage<Gen>('GET', `/api/v1/generations/${id}`);
    if (!['queued', 'running'].includes(g.status)) return g;
    await page.waitForTimeout(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

const gallery = () => page.getByRole('list', { name: 'Images' });
const tiles = () => gallery().getByRole('listitem');

/** From the Gallery's six images, moves the last to the trash through its actions menu, then opens the Trash. */
async function trashLastOfSix(): Promise<void> {
  await page.goto('/gallery');
  await expect.poll(() => tiles().count()).toBe(6);
  await tiles().nth(5).getByRole('button', { name: 'Actions for this image' }).click();
  await page.getByRole('menuitem', { name: 'Move to trash' }).click();
  await expect.poll(() => tiles().count()).toBe(5);
  await page.goto('/trash');
}

async function scan(name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, `library-${name}`);
}

describe('the library as a new user uses it', () => {
  let set: Gen;
  let edits: { instruction?: string; crop?: { id: string; width: number; height: number } } = {};

  it('signs up and makes a set of 4', async () => {
    await page.goto('/');
    await apiInPage('POST', '/api/v1/auth/signup', { email: 'lib.user@example.test', password: 'a long and fine password', name: 'Libby' });
    const started = await apiInPage<Gen>('POST', '/api/v1/generations', { prompt: PROMPT, count: 4, size: '1K', aspectRatio: '4:3' });
    set = await finished(started.id);
    expect(set.status).toBe('succeeded');
    expect(set.outputs.filter((o) => o.asset)).toHaveLength(4);
  });

  it('edits one image by instruction and follows it to the new image', async () => {
    const source = set.outputs[0]!.asset!;
    await page.goto(`/edit/${source.id}`);
    await page.getByLabel('Describe the edit').fill('make it warmer and add a vignette');
    await page.getByRole('button', { name: 'Apply instruction' }).click();
    await page.getByText('Done: a new image was made from this one.').waitFor({ timeout: 60_000 });
    const link = page.getByRole('link', { name: 'Edit the new image' });
    edits.instruction = (await link.getAttribute('href'))!.split('/').pop();
    expect(edits.instruction).toBeTruthy();
    await scan('edit-instruction');
  });

  it('tells what it understands when an instruction makes no sense', async () => {
    await page.getByLabel('Describe the edit').fill('make it sing opera');
    await page.getByRole('button', { name: 'Apply instruction' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not understand' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain('{');
  });

  it('crops another image to a square with the crop tool and gets a square image', async () => {
    const source = set.outputs[1]!.asset!;
    await page.goto(`/edit/${source.id}`);
    await page.getByRole('radiogroup', { name: 'Aspect' }).getByText('1:1').click();
    const box = page.getByTestId('crop-box');
    // Shrink the square by dragging its bottom-right corner, then nudge it with the keyboard.
    const handle = box.locator('[data-handle="se"]');
    const at = (await handle.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x - 60, at.y - 40, { steps: 5 });
    await page.mouse.up();
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('Brightness').fill('20');
    await scan('edit-crop');
    await page.getByRole('button', { name: 'Apply edits' }).click();
    await page.getByText('Done: a new image was made from this one.').waitFor({ timeout: 60_000 });
    const href = (await page.getByRole('link', { name: 'Edit the new image' }).getAttribute('href'))!;
    const made = await apiInPage<{ id: string; width: number; height: number; parentId: string; kind: string }>('GET', `/api/v1/assets/${href.split('/').pop()}`);
    expect(made.kind).toBe('edited');
    expect(made.parentId).toBe(source.id);
    expect(made.width).toBe(made.height);
    expect(made.width).toBeLessThan(source.height);
    edits.crop = made;
  });

  it('shows the set and both edits in History, with search and filters', async () => {
    await page.goto('/history');
    const cards = page.locator('article.history-card');
    await expect.poll(() => cards.count()).toBe(3);
    const setCard = cards.filter({ hasText: 'Set of 4' });
    await expect.poll(() => setCard.count()).toBe(1);
    expect(await setCard.getByText(PROMPT).count()).toBe(1);
    expect(await setCard.locator('.history-output img').count()).toBe(4);
    expect(await setCard.getByText('4/4').count()).toBe(1);
    await scan('history');

    await page.getByLabel('Kind').selectOption('edit');
    await expect.poll(() => cards.count()).toBe(2);
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Search prompts and instructions').fill('vignette');
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByLabel('Search prompts and instructions').fill('');
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('Nothing matches these filters.').waitFor();
  });

  it('finds all six images in the Gallery, filters them and favourites one', async () => {
    await page.goto('/gallery');
    await expect.poll(() => tiles().count()).toBe(6);
    await page.getByText('6 images').first().waitFor();
    await page.getByLabel('Kind').selectOption('edited');
    await expect.poll(() => tiles().count()).toBe(2);
    // An edit opens large, zooms from the keyboard and compares with its source under a slider.
    await tiles().first().getByRole('button', { name: /^Open .* large$/ }).click();
    const viewer = page.getByRole('dialog', { name: 'Image viewer' });
    await viewer.getByRole('button', { name: 'Zoom in' }).waitFor();
    await page.keyboard.press('+');
    await expect.poll(() => viewer.getByRole('status').textContent()).toBe('150%');
    await page.keyboard.press('0');
    await viewer.getByRole('button', { name: 'Compare with source' }).click();
    await viewer.getByLabel('Source shown up to').fill('35');
    await viewer.getByRole('img', { name: 'The source image this edit was made from' }).waitFor();
    await scan('viewer-compare');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    await page.getByLabel('Kind').selectOption('');
    await expect.poll(() => tiles().count()).toBe(6);

    await tiles().nth(2).getByRole('button', { name: 'Add to favourites' }).click();
    await tiles().nth(2).getByRole('button', { name: 'Remove from favourites' }).waitFor();
    await page.getByLabel('Favourites only').check();
    await expect.poll(() => tiles().count()).toBe(1);
    await page.getByLabel('Favourites only').uncheck();
    await expect.poll(() => tiles().count()).toBe(6);
    await scan('gallery');
  });

  it('selects a range, adds two images to a new album and downloads them as a zip', async () => {
    await tiles().nth(0).getByRole('checkbox').check();
    await tiles().nth(1).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await page.getByText('2 selected').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download zip' }).click();
    const zip = await download;
    expect(zip.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = fs.readFileSync((await zip.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('button', { name: 'Add to album' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to album' });
    await dialog.getByLabel('New album name').fill('Cliffs');
    await dialog.getByRole('button', { name: 'Create album' }).click();
    await page.getByText('Added 2 image(s) to “Cliffs”.').waitFor();
  });

  it('lists the album with its two images and opens it as a filtered gallery', async () => {
    await page.goto('/albums');
    await page.getByText('2 image(s)').waitFor();
    await scan('albums');
    await page.getByRole('link', { name: 'Open album Cliffs' }).click();
    await page.getByRole('heading', { name: 'Cliffs' }).waitFor();
    await expect.poll(() => tiles().count()).toBe(2);
    await scan('album');
  });

  it('moves an image to the trash and restores it from there', async () => {
    await trashLastOfSix();
    const restore = page.getByRole('button', { name: /^Restore:/ });
    await expect.poll(() => restore.count()).toBe(1);
    await page.getByText(/Deleted for good on/).waitFor();
    await scan('trash');
    await restore.click();
    await page.getByText('Restored 1 image(s) to the gallery.').waitFor();
    await page.getByText('The trash is empty.').waitFor();

    await page.goto('/gallery');
    await expect.poll(() => tiles().count()).toBe(6);
  });

  it('still has everything after logging out and back in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Email').fill('lib.user@example.test');
    await page.getByLabel('Password').fill('a long and fine password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Prompt').waitFor();

    await page.goto('/gallery');
    await expect.poll(() => tiles().count()).toBe(6);
    await expect.poll(() => tiles().locator('[aria-label="Remove from favourites"]').count()).toBe(1);
    await page.goto('/albums');
    await page.getByText('2 image(s)').waitFor();
    await page.goto('/history');
    await page.getByText('Set of 4').first().waitFor();
  });

  it('deletes an image for good from the Trash, after a confirmation', async () => {
    await trashLastOfSix();
    const purge = page.getByRole('button', { name: /^Delete for good:/ });
    await expect.poll(() => purge.count()).toBe(1);
    await purge.click();
    const dialog = page.getByRole('dialog', { name: 'Delete for good?' });
    await dialog.getByText('1 image(s) will be deleted for good').waitFor();
    await scan('trash-purge-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => purge.count()).toBe(1);

    await purge.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Deleted 1 image(s) for good.').waitFor();
    await page.getByText('The trash is empty.').waitFor();
    await page.goto('/gallery');
    await expect.poll(() => tiles().count()).toBe(5);
    const trashed = await apiInPage<{ items: unknown[] }>('GET', '/api/v1/assets?trash=true');
    expect(trashed.items).toEqual([]);
  });

  it('logged no errors in the page', () => {
    expect(errors.filter((e) => !e.includes('status of 4'))).toEqual([]);
  });
});
