import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { signUpInStudio, startStudio, stopStudio } from '../support/studio.js';

// Settings → Webhooks and the Batch screen against the real server: a webhook made in the studio hears the end of a
// batch started from the Batch screen. Webhooks may reach 127.0.0.1 here only because the server allows private ones.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let receiver: http.Server;
let hookUrl = '';
const received: string[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/atelier`;
  ({ dataDir, server, browser } = await startStudio('integrations', { ATELIER_WEBHOOK_ALLOW_PRIVATE: 'true' }));
  ({ page } = await openPage(browser, server.url));
}, 120_000);

afterAll(async () => {
  await stopStudio({ dataDir, server, browser });
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function until<T>(what: () => T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = what();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

describe('integrations in the studio', () => {
  it('adds a webhook in Settings, starts a batch from the Batch screen, and the webhook hears the batch end', async () => {
    await signUpInStudio(page, 'Ines', 'integrations.person@example.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();

    const webhooks = page.getByRole('region', { name: 'Webhooks', exact: true });
    await webhooks.getByLabel('Address (https)').fill(hookUrl);
    for (const event of ['generation.succeeded', 'generation.partial', 'generation.failed', 'export.ready']) {
      await webhooks.getByRole('checkbox', { name: event }).uncheck();
    }
    await webhooks.getByRole('checkbox', { name: 'batch.completed' }).check();
    await webhooks.getByRole('button', { name: 'Add webhook' }).click();
    await webhooks.getByLabel('Signing secret').waitFor();
    await webhooks.getByText(hookUrl).waitFor();
    await expectAccessible(page, 'settings with a new webhook');
    await screenshot(page, 'settings-webhooks');

    await page.getByRole('navigation').getByRole('link', { name: 'Batch' }).click();
    await page.getByRole('heading', { name: 'Batch', level: 1 }).waitFor();
    await expectAccessible(page, 'the Batch screen');
    await page.getByLabel('Choose a file').setInputFiles({
      name: 'two-rows.csv', mimeType: 'text/csv', buffer: Buffer.from('prompt,size\na paper boat,128x128\na glass kite,128x128\n'),
    });
    await page.getByRole('status').filter({ hasText: 'two-rows.csv · 2 of 2 rows done · done' }).waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: 'Download images (zip)' }).waitFor();
    await expectAccessible(page, 'the Batch screen with a finished batch');
    await screenshot(page, 'batch-finished');

    const event = JSON.parse(await until(() => received.find((b) => b.includes('batch.completed'))));
    expect(event).toMatchObject({ type: 'batch.completed', data: { fileName: 'two-rows.csv', status: 'succeeded', rowCount: 2 } });
  });
});
