import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './server-process.js';

/**
 * The browser harness of the studio's end-to-end tests: Debian's Chromium driven by playwright-core (no browser
 * is ever downloaded), an axe-core scan that fails on serious or critical violations with a readable list, and
 * screenshots under e2e/artifacts/.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 812 },
} as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface StudioPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (useful in failure messages). */
  errors: string[];
}

/** A fresh context (own cookies and storage) with one page at the given viewport, pointed at baseURL. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
): Promise<StudioPage> {
  // bypassCSP lets the tests inject axe; the studio's own policy is checked on its headers (security-headers.test.ts).
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-US', reducedMotion: 'reduce', bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors };
}

let axeSource: string | undefined;

function loadAxeSource(): string {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.addScriptTag({ content: loadAxeSource() });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} — at ${JSON.stringify(n.target)}`));
}

/** Fails with the list of serious/critical accessibility violations on the page, naming the screen. */
export async function expectAccessible(page: Page, screenName: string): Promise<void> {
  const found = await axeViolations(page);
  if (found.length) throw new Error(`axe found ${found.length} serious/critical violation(s) on ${screenName}:\n${found.join('\n')}`);
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Calls the API from inside the page, with its session cookie and CSRF header, as the studio does (test set-up
 * and checks that are not what the test is about).
 */
export function apiInPage<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('atelier_csrf='))?.split('=')[1];
      const res = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? undefined : res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}
