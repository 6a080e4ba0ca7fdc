import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage, expectAccessible, openPage } from '../support/browser.js';
import { freePort, type RunningServer } from '../support/server-process.js';
import { emailedSignupToken, startStudio, stopStudio } from '../support/studio.js';

// A visitor reports an image of a share link from its public page; the administrator removes it from the queue.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let owner: Page;
let visitor: Page;
let link: string;

const PROMPT = 'a red kite over grey hills';
const VISITOR = { email: 'visitor@example.test', password: 'a long and fine password' };

beforeAll(async () => {
  const port = await freePort();
  ({ dataDir, server, browser } = await startStudio('reports', { PORT: String(port), ATELIER_PUBLIC_URL: `http://127.0.0.1:${port}` }));
  ({ page: owner } = await openPage(browser, server.url));
  ({ page: visitor } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

interface Gen { id: string; status: string; outputs: { asset?: { id: string } }[] }

describe('reporting a shared image', () => {
  it('the administrator makes and shares an image; the visitor has an account but is signed out', async () => {
    await owner.goto('/');
    await apiInPage(owner, 'POST', '/api/v1/auth/signup', { email: 'owner@example.test', password: 'a long and fine password', name: 'Olive' });
    let g = await apiInPage<Gen>(owner, 'POST', '/api/v1/generations', { prompt: PROMPT, size: '1K' });
    for (let i = 0; i < 600 && ['queued', 'running'].includes(g.status); i++) {
      await owner.waitForTimeout(100);
      g = await apiInPage<Gen>(owner, 'GET', `/api/v1/generations/${g.id}`);
    }
    expect(g.status).toBe('succeeded');
    link = (await apiInPage<{ url: string }>(owner, 'POST', '/api/v1/shares', { assetId: g.outputs[0]!.asset!.id, allowDownload: false })).url;

    await visitor.goto('/');
    await apiInPage(visitor, 'POST', '/api/v1/auth/signup', { ...VISITOR, name: 'Vic' });
    // Not the first account: it is made from the emailed link, which the administrator reads in the outbox.
    const token = await emailedSignupToken(
      async () => (await apiInPage<{ items: { to: string; type: string; text: string }[] }>(owner, 'GET', '/api/v1/admin/outbox?limit=500')).items,
      VISITOR.email,
    );
    await apiInPage(visitor, 'POST', '/api/v1/auth/signup/confirm', { token, password: VISITOR.password });
    await apiInPage(visitor, 'POST', '/api/v1/auth/logout');
  });

  it('the share page\'s Report link asks to sign in, then opens the form for that image', async () => {
    await visitor.goto(link);
    await visitor.getByRole('link', { name: 'Report', exact: true }).click();
    await visitor.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
    await visitor.getByLabel('Email').fill(VISITOR.email);
    await visitor.getByLabel('Password').fill(VISITOR.password);
    await visitor.getByRole('button', { name: 'Log in' }).click();
    await visitor.getByRole('heading', { name: 'Report this image' }).waitFor();
    await expectAccessible(visitor, 'report form');
    await visitor.getByLabel('Copyright').check();
    await visitor.getByLabel('What is wrong (optional)').fill('This is my drawing.');
    await visitor.getByRole('button', { name: 'Send report' }).click();
    await visitor.getByText('Thank you. The administrators will review it.').waitFor();
  });

  it('the administrator sees it in the queue and removes the image, which the link no longer shows', async () => {
    await owner.goto('/admin');
    const queue = owner.locator('.report-queue');
    await queue.getByText(PROMPT).waitFor();
    await queue.getByText('visitor@example.test').waitFor();
    await expectAccessible(owner, 'admin reports queue');
    owner.once('dialog', (dialog) => void dialog.accept());
    await owner.getByRole('button', { name: 'Remove the image' }).click();
    await owner.getByText('No open reports.').waitFor();
    const gone = await visitor.goto(link);
    expect(gone?.status()).toBe(410);
  });
});
