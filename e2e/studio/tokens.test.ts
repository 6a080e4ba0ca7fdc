import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage, expectAccessible, openPage, screenshot } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { signUpInStudio, startStudio, stopStudio } from '../support/studio.js';

// Settings → API tokens against the real server: a token made in the studio drives the OpenAI-compatible API.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('tokens'));
  ({ page } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

const tokensRegion = () => page.getByRole('region', { name: 'API tokens', exact: true });

const generate = (token: string) => fetch(`${server.url}/v1/images/generations`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ prompt: 'a kite over the dunes', size: '128x128' }),
});

describe('API tokens in the studio', () => {
  it('creates a token shown once, which makes images through the OpenAI-compatible API until it is revoked', async () => {
    await signUpInStudio(page, 'Tomas', 'tokens.person@example.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();

    const region = tokensRegion();
    await region.getByLabel('Name').fill('dune script');
    await region.getByRole('combobox', { name: 'Expires' }).selectOption('30');
    await region.getByRole('button', { name: 'Create token' }).click();
    const secretBox = region.getByLabel('New token');
    await secretBox.waitFor();
    const token = await secretBox.inputValue();
    expect(token).toMatch(/^atl_/);
    await expectAccessible(page, 'settings with a new API token');
    await screenshot(page, 'settings-api-tokens');

    const res = await generate(token);
    expect(res.status).toBe(200);
    expect((await res.json()).data).toHaveLength(1);
    const gallery = await apiInPage<{ items: { kind: string }[] }>(page, 'GET', '/api/v1/assets');
    expect(gallery.items.map((a) => a.kind)).toEqual(['generated']);

    await page.reload();
    await region.getByText('dune script').waitFor();
    expect(await region.getByLabel('New token').count()).toBe(0); // shown once
    await region.getByRole('button', { name: 'Revoke the token dune script' }).click();
    await region.getByText('No tokens yet.').waitFor();
    expect((await generate(token)).status).toBe(401);
  });
});
