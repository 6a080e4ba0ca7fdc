import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeStub } from '../../server/src/test-support/stubs/stripe-stub.js';
import { apiInPage, expectAccessible, openPage } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// Settings → Plan and credits with Stripe configured (its conformance stub): Buy leads to Stripe Checkout's page.
const KEY = 'sk_test_e2e_buttons';
let stub: StripeStub;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let plansDir: string | undefined;

const PLANS = {
  defaultPlan: 'free',
  plans: [
    { id: 'free', name: 'Free', monthlyCredits: 50, creditsPerImage: 1, maxSetSize: 4, maxConcurrentJobs: 2, storageQuotaMiB: 0, engines: ['builtin'], stripePriceId: null },
    { id: 'pro', name: 'Pro', monthlyCredits: 2000, creditsPerImage: 1, maxSetSize: 15, maxConcurrentJobs: 8, storageQuotaMiB: 0, engines: ['builtin'], stripePriceId: 'price_pro' },
  ],
  creditPacks: [{ id: 'pack-500', credits: 500, stripePriceId: 'price_pack500' }],
};

beforeAll(async () => {
  stub = await StripeStub.start(KEY);
  plansDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-plans-'));
  const plansFile = path.join(plansDir, 'plans.json');
  fs.writeFileSync(plansFile, JSON.stringify(PLANS));
  ({ dataDir, server, browser } = await startStudio('billing', { ATELIER_PLANS_FILE: plansFile, ATELIER_STRIPE_SECRET_KEY: KEY, ATELIER_STRIPE_API_BASE: stub.url }));
  ({ page } = await openPage(browser, server.url));
  // Stripe's own pages are not reachable from the tests: answer them here, so the navigation can be seen.
  await page.context().route('https://checkout.stripe.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Stripe Checkout</title>' }));
}, 120_000);

afterAll(async () => {
  await stopStudio({ dataDir, server, browser });
  await stub?.close();
  if (plansDir) fs.rmSync(plansDir, { recursive: true, force: true });
});

describe('buying from Settings', () => {
  it('shows each plan and pack with a price and opens Stripe Checkout for the one chosen', async () => {
    await page.goto('/');
    await apiInPage(page, 'POST', '/api/v1/auth/signup', { email: 'buyer@example.test', password: 'a long and fine password', name: 'Bea' });
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Buy 500 credits' }).waitFor();
    expect(await page.getByText('Your plan', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(page, 'settings with buy buttons');
    await page.getByRole('button', { name: 'Choose Pro' }).click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const session = stub.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!;
    expect(session.params).toMatchObject({ mode: 'subscription', 'line_items[0][price]': 'price_pro' });
  });
});

describe('the cost of a batch', () => {
  it('is shown for the whole file before the batch starts, which starts when asked', async () => {
    await page.goto(`${server.url}/batch`);
    await page.getByRole('heading', { name: 'Batch', exact: true, level: 1 }).waitFor();
    await page.getByLabel('Choose a file').setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from('prompt,count\na red kite,2\na blue kite,\n') });
    await page.getByText('Costs 3 credits (you have 50).').waitFor();
    await expectAccessible(page, 'the Batch screen with a priced file');
    await page.getByRole('button', { name: 'Start the batch' }).click();
    await page.getByText(/^rows\.csv · \d of 2 rows done/).first().waitFor();
  });
});
