import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openPage, screenshot, apiInPage as callApiInPage } from '../support/browser.js';
import type { RunningServer } from '../support/server-process.js';
import { emailedSignupToken, startStudio, stopStudio } from '../support/studio.js';

// The studio in 中文 against the real server (built once by e2e/support/global-build.ts): every screen is read for
// English a person would see, and checked with axe.
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

const PERSON = { name: '王小明', email: 'xiaoming@example.test', password: 'a long and careful password' };
const PROMPT = 'a red lighthouse on a cliff at sunset';
const ALBUM = 'Summer trip';
let images: string[] = [];
let albumId = '';
let shareUrl = '';

/** What the person wrote, and names that are no translation's business (brands, formats, units, keys). */
const TOKEN_NAME = 'laptop';
const WORKFLOW = 'Lighthouse steps';
const NEWCOMER = { name: '李华', email: 'lihua@example.test' };
const USER_CONTENT = [PERSON.name, PERSON.email, PROMPT, ALBUM, TOKEN_NAME, WORKFLOW, NEWCOMER.email];
const UNTRANSLATED = new Set([
  'Atelier', 'Seedream', 'ComfyUI', 'OpenAI', 'Automatic1111', 'Stripe', 'PNG', 'JPEG', 'WebP', 'GIF', 'ZIP', 'CSV', 'JSON', 'JSONL', 'API', 'URL', 'HTTPS',
  'IP', 'ID', 'SHA', 'px', 'MiB', 'GiB', 'KiB', 'MB', 'GB', 'KB', 'Cookie', 'Cookies', 'Webhook', 'Webhooks', 'Ctrl', 'Shift', 'Enter', 'Esc', 'Alt', 'Tab',
  'English', 'XMP', 'SSO', 'MFA', 'TOTP', 'CSRF', 'UTC', 'zip', 'Bearer', 'Authorization', 'multipart', 'form', 'data',
  'Mac', 'AI', 'PIN', 'https', 'IPv', 'Standard', // "Standard Webhooks", the signing scheme's name
  'Chrome', 'Chromium', 'Firefox', 'Safari', 'Edge', 'Opera', 'Linux', 'Windows', 'macOS', 'Android', 'iOS', 'curl',
]);

beforeAll(async () => {
  ({ dataDir, server, browser } = await startStudio('chinese'));
  ({ page, errors } = await openPage(browser, server.url));
}, 120_000);

afterAll(() => stopStudio({ dataDir, server, browser }));

function apiInPage<T>(method: string, url: string, body?: unknown): Promise<T> {
  return callApiInPage<T>(page, method, url, body);
}

/** Every text a person sees or hears on the page: visible text nodes and the names given in attributes. */
function visibleTexts(on: Page): Promise<string[]> {
  return on.evaluate(() => {
    const shown = (el: Element | null) => !!el && (el as HTMLElement).checkVisibility?.({ visibilityProperty: true } as never) !== false;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || !shown(parent)) continue;
      // An identifier to type exactly as it is (an event name, a token's prefix) is code, in every language; what a
      // text field holds is what the person typed (a workflow step's "{{prompt}}").
      if (parent.closest('code, kbd, textarea')) continue;
      if (node.textContent?.trim()) found.push(node.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt], [aria-description]')) {
      if (!shown(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const value = el.getAttribute(name);
        if (value?.trim()) found.push(value.trim());
      }
    }
    const title = document.title.trim();
    return title ? [...found, title] : found;
  });
}

/** The English words on the page outside user content and names; [] on a fully Chinese screen. */
async function englishOn(on: Page): Promise<string[]> {
  const words = new Set<string>();
  for (let text of await visibleTexts(on)) {
    for (const content of USER_CONTENT) text = text.split(content).join(' ');
    text = text.replace(/\b[0-9A-HJKMNP-TV-Z]{26}\b/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\S+@\S+\.\S+/g, ' ');
    for (const word of text.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g) ?? []) if (!UNTRANSLATED.has(word) && !/^[0-9]*[Kk]$/.test(word)) words.add(word);
  }
  return [...words];
}

/** Waits for a screen to settle: its main heading shown and nothing of it still loading. */
async function settled(on: Page = page): Promise<void> {
  await on.getByRole('heading', { level: 1 }).first().waitFor();
  await expect.poll(() => on.locator('.loading, [aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await on.waitForTimeout(300);
}

/** Fails when a screen shows English or has a serious accessibility problem. */
async function checkScreen(name: string, on: Page = page): Promise<void> {
  await settled(on);
  await screenshot(on, `chinese-${name}`);
  expect(await englishOn(on), `English on ${name}`).toEqual([]);
  await expectAccessible(on, name);
}

async function finished(id: string): Promise<{ status: string; outputs: { asset?: { id: string } }[] }> {
  for (let i = 0; i < 600; i++) {
    const g = await apiInPage<{ status: string; outputs: { asset?: { id: string } }[] }>('GET', `/api/v1/generations/${id}`);
    if (!['queued', 'running'].includes(g.status)) return g;
    await page.waitForTimeout(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

describe('the studio in Chinese', () => {
  it('switches the first-run screen to 中文 and creates the administrator account in it', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Create the administrator account' }).waitFor();
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { name: '创建管理员账号' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await checkScreen('first-run');

    await page.getByLabel('姓名').fill(PERSON.name);
    await page.getByLabel('邮箱').fill(PERSON.email);
    await page.getByLabel('密码').fill(PERSON.password);
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    expect((await apiInPage<{ language: string }>('GET', '/api/v1/me')).language).toBe('zh');
  });

  it('shows Create, History, Batch, Gallery, Albums, an album, Trash and Edit in Chinese', async () => {
    const g = await finished((await apiInPage<{ id: string }>('POST', '/api/v1/generations', { prompt: PROMPT, count: 3, size: '1K' })).id);
    expect(g.status).toBe('succeeded');
    images = g.outputs.map((o) => o.asset!.id);
    albumId = (await apiInPage<{ id: string }>('POST', '/api/v1/albums', { name: ALBUM })).id;
    await apiInPage('POST', `/api/v1/albums/${albumId}/assets`, { assetIds: images.slice(0, 2) });
    await apiInPage('POST', '/api/v1/assets/bulk', { action: 'delete', ids: [images[2]] });
    shareUrl = (await apiInPage<{ url: string }>('POST', '/api/v1/shares', { assetId: images[0], allowDownload: true })).url;

    for (const [name, path] of [['create', '/'], ['history', '/history'], ['batch', '/batch'], ['gallery', '/gallery'], ['albums', '/albums'],
      ['album', `/albums/${albumId}`], ['trash', '/trash'], ['edit', `/edit/${images[0]}`]] as const) {
      await page.goto(path);
      await checkScreen(name);
    }
  });

  it('shows an image\'s actions, the large view and the keyboard shortcuts in Chinese', async () => {
    await page.goto('/gallery');
    await settled();
    await page.getByRole('button', { name: '此图片的操作' }).first().click();
    await page.getByRole('menuitem', { name: '查看大图' }).waitFor();
    await checkScreen('image-actions');
    await page.getByRole('menuitem', { name: '查看大图' }).click();
    await page.getByRole('dialog').waitFor();
    await checkScreen('image-viewer');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: '键盘快捷键' }).waitFor();
    await checkScreen('shortcuts');
    await page.keyboard.press('Escape');
  });

  it('shows Workflows with a run, the run in History and the report screen in Chinese', async () => {
    const workflow = await apiInPage<{ id: string }>('POST', `/api/v1/generations/${(await apiInPage<{ items: { id: string }[] }>('GET', '/api/v1/generations?limit=1')).items[0]!.id}/workflow`, { name: WORKFLOW });
    const run = await apiInPage<{ id: string }>('POST', `/api/v1/workflows/${workflow.id}/runs`, { inputs: { prompt: PROMPT } });
    await expect.poll(async () => (await apiInPage<{ status: string }>('GET', `/api/v1/workflow-runs/${run.id}`)).status, { timeout: 60_000 }).toBe('succeeded');
    const token = new URL(shareUrl).pathname.split('/').pop()!;
    for (const [name, path] of [['workflows', `/workflows?id=${workflow.id}&run=${run.id}`], ['history-with-run', '/history'],
      ['report', `/report?share=${encodeURIComponent(token)}&asset=${images[0]}`]] as const) {
      await page.goto(path);
      await checkScreen(name);
    }
    await page.goto('/history');
    await page.getByTestId('history-run').first().waitFor();
  });

  it('opens the share dialog, "Contact the operator", prompt history and snippets in Chinese', async () => {
    await page.goto('/gallery');
    await settled();
    await page.getByRole('button', { name: '此图片的操作' }).first().click();
    await page.getByRole('menuitem', { name: '分享' }).click();
    await page.getByRole('dialog').waitFor();
    await checkScreen('share-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('contentinfo').getByRole('button', { name: '联系运营者' }).click();
    await page.getByRole('dialog').waitFor();
    await checkScreen('contact-operator');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await page.goto('/');
    await settled();
    for (const [name, button] of [['prompt-history', '提示词历史'], ['snippets', '片段']] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.getByRole('dialog').waitFor();
      await checkScreen(name);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    }
  });

  it('signs a newcomer up in Chinese: the form, "check your email" and finishing the sign-up', async () => {
    const visitor = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', reducedMotion: 'reduce', bypassCSP: true });
    try {
      const view = await visitor.newPage();
      await view.goto('/signup');
      await view.getByRole('heading', { name: '创建 Atelier 账号' }).waitFor();
      await checkScreen('signup', view);
      await view.getByLabel('姓名').fill(NEWCOMER.name);
      await view.getByLabel('邮箱').fill(NEWCOMER.email);
      await view.getByLabel('密码').fill(PERSON.password);
      await view.getByRole('button', { name: '创建账号' }).click();
      await view.getByRole('heading', { name: '请查看邮箱' }).waitFor();
      await checkScreen('signup-check-email', view);
      const token = await emailedSignupToken(async () => (await apiInPage<{ items: { to: string; type: string; text: string }[] }>('GET', '/api/v1/admin/outbox?limit=500')).items, NEWCOMER.email);
      await view.goto(`/signup/confirm?token=${encodeURIComponent(token)}`);
      await view.getByRole('heading', { name: '完成注册' }).waitFor();
      await checkScreen('signup-finish', view);
    } finally {
      await visitor.close();
    }
  });

  it('shows Settings and the admin console in Chinese', async () => {
    await apiInPage('POST', '/api/v1/me/tokens', { name: TOKEN_NAME, scopes: ['images'] });
    for (const [name, path] of [['settings', '/settings'], ['admin', '/admin'], ['not-found', '/no-such-screen']] as const) {
      await page.goto(path);
      await checkScreen(name);
    }
  });

  it('shows the account links (forgot, reset, verify) in Chinese', async () => {
    for (const [name, path] of [['forgot', '/forgot'], ['reset', '/reset?token=not-a-real-token'], ['verify', '/verify?token=not-a-real-token']] as const) {
      await page.goto(path);
      await checkScreen(name);
    }
  });

  it('links the Chinese privacy policy and serves it in Chinese', async () => {
    await page.goto('/');
    await settled();
    const href = await page.getByRole('contentinfo').getByRole('link', { name: '隐私政策' }).getAttribute('href');
    expect(href).toBe('/privacy?lang=zh');
    await page.goto(href!);
    await page.getByRole('heading', { level: 1, name: '隐私政策' }).waitFor();
    expect(await englishOn(page)).toEqual([]);
    await expectAccessible(page, 'privacy policy');
  });

  it('opens a share link in Chinese for a Chinese browser', async () => {
    const visitor = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    try {
      const view = await visitor.newPage();
      await view.goto(new URL(new URL(shareUrl).pathname, server.url).href); // the link names the configured public address
      await view.getByRole('heading', { level: 1 }).waitFor();
      expect(await englishOn(view)).toEqual([]);
      await expectAccessible(view, 'share page');
    } finally {
      await visitor.close();
    }
  });

  it('opens in the account\'s language on a new device, and the login screen is Chinese once chosen', async () => {
    const other = await openPage(browser, server.url);
    try {
      await other.page.goto('/login');
      await other.page.getByRole('heading', { name: 'Log in to Atelier' }).waitFor();
      await other.page.getByLabel('Email').fill(PERSON.email);
      await other.page.getByLabel('Password').fill(PERSON.password);
      await other.page.getByRole('button', { name: 'Log in' }).click();
      await other.page.getByRole('navigation', { name: '主导航' }).waitFor();
      await checkScreen('create-new-device', other.page);
      await other.page.getByRole('button', { name: '退出登录' }).click();
      await other.page.getByRole('heading', { name: '登录 Atelier' }).waitFor();
      await checkScreen('login', other.page);
    } finally {
      await other.context.close();
    }
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]); // the fake account links answer 4xx
  });
});
