import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signupTokenIn } from '../../server/src/test-support/signup.js';
import { ApiClient } from './api-client.js';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server-process.js';

export interface Studio {
  dataDir: string;
  server: RunningServer;
  browser: Browser;
}

/** The built server on a fresh temp data folder, and Chromium to drive it: what every studio browser test starts from. */
export async function startStudio(name: string, env: Record<string, string> = {}): Promise<Studio> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `atelier-e2e-${name}-`));
  const server = await startServer({ ATELIER_DATA_DIR: dataDir, ATELIER_WORKER_CONCURRENCY: '2', ...env });
  return { dataDir, server, browser: await launchBrowser() };
}

/** Closes what startStudio opened and removes the data folder; tolerates a start that failed half-way. */
export async function stopStudio(studio: Partial<Studio>): Promise<void> {
  await studio.browser?.close();
  await studio.server?.kill();
  if (studio.dataDir) fs.rmSync(studio.dataDir, { recursive: true, force: true });
}

/**
 * Creates the administrator account through the API, as the operator does on first run, so that the people a test
 * then plays arrive at an instance that is already set up (the login screen, not the first-run screen).
 */
export async function createOperatorAccount(server: RunningServer): Promise<ApiClient> {
  const operator = new ApiClient(server.url);
  const res = await operator.post('/api/v1/auth/signup', { name: 'Operator', email: 'operator@example.test', password: 'the operator password' });
  if (res.status !== 201) throw new Error(`creating the operator account answered ${res.status}`);
  return operator;
}

/** The operator makes the person with this email an administrator, as from the admin console. */
export async function promoteToAdmin(operator: ApiClient, email: string): Promise<void> {
  const found = await operator.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`);
  const id = found.json?.items?.[0]?.id;
  const res = await operator.request('PATCH', `/api/v1/admin/users/${id}`, { role: 'admin' });
  if (res.status >= 300) throw new Error(`making ${email} an administrator answered ${res.status}`);
}

/** Signs a new person up through the studio's form (essential cookies only) and waits for the signed-in studio. */
export async function signUpInStudio(page: Page, name: string, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Essential only' }).click().catch(() => undefined);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long and careful password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).waitFor();
}

type OutboxMessage = { to: string; type: string; text: string };

/** The token of the sign-up link emailed to `email`, read (as admins read mail without SMTP) until it has been written. */
export async function emailedSignupToken(readOutbox: () => Promise<OutboxMessage[]>, email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const token = signupTokenIn(await readOutbox(), email);
    if (token) return token;
    await new Promise((r) => setTimeout(r, 100)); // the email is written just after the sign-up's answer
  }
  throw new Error(`no sign-up link emailed to ${email}`);
}

/**
 * After "Check your email": the operator reads the sign-up link in the outbox, and the person follows it in the page
 * and types the password they chose, which makes the account and signs them in.
 */
export async function followSignupLink(page: Page, operator: ApiClient, email: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const token = await emailedSignupToken(async () => (await operator.get('/api/v1/admin/outbox?limit=500')).json.items, email);
  await page.goto(`/signup/confirm?token=${encodeURIComponent(token)}`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create my account' }).click();
}
