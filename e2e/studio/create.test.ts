import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot, VIEWPORTS } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import type { ApiClient } from '../support/api-client.js';
import { createOperatorAccount, followSignupLink, startStudio, stopStudio } from '../support/studio.js';

// The server and studio are built once by e2e/support/global-build.ts.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let operator: ApiClient;

const PERSON = { name: 'Ada Create', email: 'ada.create@example.test', password: 'a long and fine password' };

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('create'));
  operator = await createOperatorAccount(server);
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

/** Drops a PNG drawn in the page onto the reference drop zone, the way a file dragged from the desktop arrives. */
async function dropPng(page: Page, name: string): Promise<void> {
  await page.evaluate(async (fileName) => {
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 64;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#3a7bd5';
    ctx.fillRect(0, 0, 96, 64);
    ctx.fillStyle = '#f5c542';
    ctx.beginPath();
    ctx.arc(48, 32, 20, 0, Math.PI * 2);
    ctx.fill();
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], fileName, { type: 'image/png' }));
    const zone = document.querySelector('[data-testid="reference-dropzone"]')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, name);
}

async function logIn(page: Page): Promise<void> {
  await page.getByLabel('Email').fill(PERSON.email);
  await page.getByLabel('Password').fill(PERSON.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Prompt').waitFor();
}

/** Drops a reference, asks for a set of 4 with Ctrl+Enter and waits for all four images to arrive. */
async function createSetOfFour(page: Page, prompt: string, shot: string): Promise<void> {
  await page.getByTestId('reference-dropzone').waitFor();
  await dropPng(page, `${shot}-reference.png`);
  await page.getByRole('img', { name: 'Reference image 1' }).waitFor();
  await page.getByLabel('Images in the set').fill('4');
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByLabel('Prompt').press('Control+Enter');
  const run = page.getByRole('article', { name: `Generation: ${prompt}` });
  await run.waitFor();
  // All four tiles exist from the start (fixed boxes), then fill in.
  expect(await run.getByTestId('result-tile').count()).toBe(4);
  await run.locator('[data-testid="result-tile"][data-state="done"]').nth(3).waitFor({ timeout: 90_000 });
  expect(await run.locator('[data-testid="result-tile"][data-state="done"]').count()).toBe(4);
  await page.waitForFunction(
    (p) => [...document.querySelectorAll<HTMLImageElement>('img')].filter((i) => i.alt.endsWith(p) && i.complete && i.naturalWidth > 0).length === 4,
    prompt,
  );
  await screenshot(page, shot);
}

describe('the studio’s sign-in and Create screens, as a new person uses them', () => {
  it('signs up, uploads a reference by drag-and-drop, generates a set of 4, and finds it in History after logging back in', async () => {
    const { page, context, errors } = await openPage(browser, server.url, VIEWPORTS.desktop);

    // Before signing in: the cookie banner and the privacy link are there.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
    await page.getByRole('region', { name: 'Cookies' }).waitFor();
    expect(await page.getByRole('link', { name: 'Privacy policy', exact: true }).getAttribute('href')).toBe('/privacy?lang=en');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Accept analytics' }).click();
    expect((await context.cookies()).find((c) => c.name === 'atelier_analytics')).toMatchObject({ value: '1', path: '/', sameSite: 'Lax' });

    // A wrong password on an unknown account is a human sentence, not JSON.
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('The email or password is not right.');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(PERSON.name);
    await page.getByLabel('Email').fill(PERSON.email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('The password needs at least 10 characters.').waitFor();
    await page.getByLabel('Password').fill(PERSON.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await followSignupLink(page, operator, PERSON.email, PERSON.password);

    await page.getByLabel('Prompt').waitFor();
    await page.getByText('This is a procedural renderer, not an AI model', { exact: false }).waitFor();
    await expectAccessible(page, 'Create');
    await screenshot(page, 'create-empty');

    // Ideas under the empty prompt box: picking one fills the box, and they step aside.
    const ideas = page.getByRole('group', { name: 'Try:' });
    await ideas.getByRole('button', { name: 'an astronaut on the moon' }).click();
    expect(await page.getByLabel('Prompt').inputValue()).toBe('an astronaut on the moon');
    expect(await ideas.count()).toBe(0);

    const prompt = 'a lighthouse on a cliff at sunset, warm orange sky';
    await createSetOfFour(page, prompt, 'create-set-of-4');
    await expectAccessible(page, 'Create with results');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
    await logIn(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    await page.getByRole('heading', { name: prompt }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'history-after-login');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('heading', { name: 'Active sessions' }).waitFor();
    await page.getByText('This device').waitFor();
    await expectAccessible(page, 'Settings');
    await screenshot(page, 'settings');

    // Only the operator administers this instance: a person who signed up later sees no Admin screen.
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);

    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });

  it('works the same on a 375 px wide phone screen', async () => {
    const { page, context } = await openPage(browser, server.url, VIEWPORTS.phone);
    await page.goto('/');
    await page.getByRole('button', { name: 'Essential only' }).click();
    expect((await context.cookies()).some((c) => c.name === 'atelier_analytics')).toBe(false);
    await logIn(page);
    await createSetOfFour(page, 'a small boat on a calm blue lake, pastel', 'create-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'Create at 375 px');
    await context.close();
  });
});
