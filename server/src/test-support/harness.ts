import fs from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app.js';
import { testConfig, type Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import { createServices, type ServiceOptions, type Services } from '../services.js';
import { signupLinkToken } from './signup.js';
import { tempDir } from './temp-dir.js';
import { testDatabase } from './test-database.js';

export { tempDir };

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<Config>;
  clock?: Clock;
  dataDir?: string;
  logStream?: NodeJS.WritableStream;
  engineRuntime?: ServiceOptions['engineRuntime'];
  imageClassifier?: ServiceOptions['imageClassifier'];
}

/**
 * The whole app over a fresh data folder (real encrypted blob store) and its own database: a SQLite file in the
 * folder, or in the server-pg project a PostgreSQL database of its own (the same one again for a given dataDir).
 */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? tempDir();
  const database = await testDatabase(dataDir);
  const base = testConfig(dataDir, { workerConcurrency: 2, jobLeaseMs: 2000, ...opts.config });
  const config = { ...base, deployment: { ...base.deployment, ...database.location.deployment } };
  const services = await createServices(config, { clock: opts.clock, engineRuntime: opts.engineRuntime, imageClassifier: opts.imageClassifier });
  const app = await buildApp(services, { logStream: opts.logStream });
  await app.ready();
  servicesOf.set(app, services);
  return {
    app,
    services,
    dataDir,
    async close() {
      await app.close();
      await services.close();
      if (opts.dataDir) return;
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** Cookie header value carrying the session and CSRF cookies. */
  cookie: string;
  csrf: string;
  /** Headers for an authenticated write: cookie + CSRF token. */
  headers: Record<string, string>;
}

let counter = 0;

/** The services of each test app, so that signUp(app) can read the sign-up link from the outbox. */
const servicesOf = new WeakMap<FastifyInstance, Services>();

export function cookieHeader(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/**
 * Signs a person up over HTTP as the studio does: the first account at once; any other by following the link the
 * sign-up emailed (ADR 0026), read from the app's outbox.
 */
export async function signUp(app: FastifyInstance, email = `user${++counter}-${Date.now()}@example.test`, password = 'correct horse battery'): Promise<TestUser> {
  let res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password, name: 'Test Person' } });
  const services = servicesOf.get(app);
  if (res.statusCode === 202 && services) {
    const token = await signupLinkToken(services, email.trim().toLowerCase());
    res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password } });
  }
  return signedUp(res, email, password);
}

/**
 * A person invited by the test app's administrator (who must have signed up): an invitation makes the account at
 * once, its address not verified yet, the way to test verification emails.
 */
export async function signUpInvited(t: TestApp, email = `invited${++counter}-${Date.now()}@example.test`, password = 'correct horse battery'): Promise<TestUser> {
  const admin = await t.services.db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst();
  if (!admin) throw new Error('sign the administrator up first');
  const { url } = await t.services.accounts.signupGate.createInvitation(admin.id, {});
  const invitation = new URL(url!).searchParams.get('invitation')!;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password, name: 'Invited Person', invitation } });
  return signedUp(res, email, password);
}

function signedUp(res: LightMyRequestResponse, email: string, password: string): TestUser {
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string }; csrfToken: string };
  const cookie = cookieHeader(res);
  return { id: body.user.id, email, password, cookie, csrf: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

/**
 * One app shared by the tests of a file, with `people` signed up in order: call it at the top level of the file,
 * as `const { t, people: [alice, bob] } = appForFile({ people: 2 })`. The objects it returns are filled in before
 * the file's first test (so use them only inside tests and hooks), and the app is closed after its last.
 */
export function appForFile(opts: TestAppOptions & { people?: number } = {}): { t: TestApp; people: TestUser[] } {
  const t = {} as TestApp;
  const people = Array.from({ length: opts.people ?? 0 }, () => ({}) as TestUser);
  let created: TestApp | undefined;
  beforeAll(async () => {
    created = await createTestApp(opts);
    Object.assign(t, created);
    for (const person of people) Object.assign(person, await signUp(created.app));
  });
  afterAll(() => created?.close());
  return { t, people };
}

/** Polls a generation until it reaches a final status. */
export async function waitForGeneration(app: FastifyInstance, user: TestUser, id: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/generations/${id}`, headers: { cookie: user.cookie } });
    const g = res.json();
    if (!['queued', 'running'].includes(g.status)) return g;
    if (Date.now() > deadline) throw new Error(`generation ${id} still ${g.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
