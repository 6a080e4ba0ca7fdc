import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelArkStub } from '../../server/src/test-support/stubs/modelark-stub.js';
import { apiInPage, expectAccessible, openPage, screenshot } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// Settings → Your provider keys against the real server and the ModelArk stub: the person's key drives their Seedream.
const SERVER_KEY = 'ark-e2e-server-key-4411';
const OWN_KEY = 'ark-e2e-own-key-90ab7c';

let stub: ModelArkStub;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stub = await ModelArkStub.start({ apiKey: SERVER_KEY });
  stub.keys.add(OWN_KEY);
  ({ dataDir, server, browser } = await startStudio('provider-keys', { ATELIER_SEEDREAM_API_KEY: SERVER_KEY, ATELIER_SEEDREAM_BASE_URL: stub.url }));
  ({ page } = await openPage(browser, server.url));
}, 120_000);

afterAll(async () => {
  await stopStudio({ dataDir, server, browser });
  await stub?.close();
});

describe('your own provider key in the studio', () => {
  it('is checked, shown masked, marked in the engine picker and used for the person\'s Seedream images', async () => {
    await page.goto('/signup');
    await page.getByRole('button', { name: 'Essential only' }).click().catch(() => undefined);
    await page.getByLabel('Name').fill('Ines');
    await page.getByLabel('Email').fill('own.key@example.test');
    await page.getByLabel('Password').fill('a long and careful password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();

    const region = page.getByRole('region', { name: 'Your provider keys', exact: true });
    await region.getByLabel('Engine').selectOption('seedream');
    await region.getByLabel('API key').fill('ark-e2e-wrong-key-0000');
    await region.getByRole('button', { name: 'Check and save key' }).click();
    expect(await region.getByRole('alert').textContent()).toContain('Seedream refused this key');
    await region.getByLabel('API key').fill(OWN_KEY);
    await region.getByRole('button', { name: 'Check and save key' }).click();
    await region.getByText('••••ab7c').waitFor();
    expect(await page.content()).not.toContain(OWN_KEY);
    await expectAccessible(page, 'settings with an own provider key');
    await screenshot(page, 'settings-provider-keys');

    await page.getByRole('navigation').getByRole('link', { name: 'Create', exact: true }).click();
    const picker = page.getByRole('combobox', { name: 'Engine' });
    await picker.waitFor();
    expect(await picker.locator('option[value="seedream"]').textContent()).toContain('your key');

    const sent = stub.requests.length;
    const made = await apiInPage<{ id: string; params: { providerKeyId?: string } }>(page, 'POST', '/api/v1/generations', { engine: 'seedream', prompt: 'a kite', size: '1K' });
    expect(made.params.providerKeyId).toBeTruthy();
    for (let i = 0; i < 100 && stub.requests.length === sent; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stub.requests.slice(sent).map((r) => r.headers.authorization)).toEqual([`Bearer ${OWN_KEY}`]);
  });
});
