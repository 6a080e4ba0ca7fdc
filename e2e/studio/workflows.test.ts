import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage as callApiInPage, expectAccessible, openPage, screenshot } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { startStudio, stopStudio } from '../support/studio.js';

// Saved workflows: a history item and the edit made from it become a workflow, run again with a new prompt.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

const PROMPT = 'a quiet harbour at dawn';
const NEW_PROMPT = 'a busy market at noon';

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('workflows'));
  ({ page } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

const api = <T>(method: string, url: string, body?: unknown) => callApiInPage<T>(page, method, url, body);

interface Gen { id: string; status: string; prompt: string; outputs: { asset?: { id: string } }[] }

async function finished(id: string): Promise<Gen> {
  for (let i = 0; i < 600; i++) {
    const g = await api<Gen>('GET', `/api/v1/generations/${id}`);
    if (!['queued', 'running'].includes(g.status)) return g;
    await page.waitForTimeout(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

describe('saved workflows in the studio', () => {
  it('makes an image and edits it', async () => {
    await page.goto('/');
    await api('POST', '/api/v1/auth/signup', { email: 'flows@example.test', password: 'a long and fine password', name: 'Flo' });
    const g = await finished((await api<Gen>('POST', '/api/v1/generations', { prompt: PROMPT, size: '1K' })).id);
    expect(g.status).toBe('succeeded');
    const edit = await finished((await api<Gen>('POST', '/api/v1/edits', { assetId: g.outputs[0]!.asset!.id, instruction: 'make it black and white' })).id);
    expect(edit.status).toBe('succeeded');
  });

  it('saves the history item as a workflow and shows its steps in the editor', async () => {
    await page.goto('/history');
    const card = page.getByRole('article', { name: PROMPT });
    await card.getByRole('button', { name: 'Save as workflow' }).click();
    await page.waitForURL(/\/workflows\?id=/);
    await page.getByRole('heading', { name: 'Workflows', level: 1 }).waitFor();
    await page.getByRole('group', { name: 'Step 1: Generate' }).waitFor();
    expect(await page.getByLabel('Prompt', { exact: true }).inputValue()).toBe('{{prompt}}');
    expect(await page.getByRole('group', { name: 'Step 2: Edit by instruction' }).getByLabel('Instruction').inputValue()).toBe('make it black and white');
    expect(await page.getByLabel('Default for {{prompt}}').inputValue()).toBe(PROMPT);
    await expectAccessible(page, 'workflow editor');
    await screenshot(page, 'workflows-editor');
  });

  it('runs it with a new prompt and shows each step\'s output', async () => {
    await page.getByLabel('Value of {{prompt}}').fill(NEW_PROMPT);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.locator('.workflow-run');
    await run.getByRole('status').filter({ hasText: '2 of 2 steps' }).waitFor({ timeout: 30_000 });
    for (const n of [1, 2]) {
      const images = run.getByRole('list', { name: `Output of step ${n}` });
      await images.getByRole('img').first().waitFor();
      await expect.poll(() => images.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
    }
    await expectAccessible(page, 'workflow run');
    await screenshot(page, 'workflows-run');

    const runs = await api<{ items: { status: string; steps: { generationId: string }[] }[] }>('GET', '/api/v1/workflow-runs');
    expect(runs.items[0]!.status).toBe('succeeded');
    const first = await api<Gen>('GET', `/api/v1/generations/${runs.items[0]!.steps[0]!.generationId}`);
    expect(first.prompt).toBe(NEW_PROMPT);

    // History names the run on each step it made.
    await page.goto('/history');
    await page.getByRole('article', { name: NEW_PROMPT }).getByRole('link', { name: /^Step 1 of the workflow run/ }).waitFor();
  });
});
