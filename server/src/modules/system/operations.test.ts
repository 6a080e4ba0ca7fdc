import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../config.js';
import { createTestApp, signUp, waitForGeneration, type TestApp } from '../../test-support/harness.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import { startLocalS3 } from '../../test-support/s3-server.js';

let t: TestApp;
let logs = '';
const METRICS_TOKEN = 'scraper-token-0123456789';

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (c) => (logs += c.toString()));
  t = await createTestApp({ config: { logLevel: 'trace', metricsToken: METRICS_TOKEN }, logStream: stream });
});
afterAll(() => t.close());

describe('operations', () => {
  it('answers health, readiness and Prometheus metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('atelier_http_request_duration_seconds');
  });

  it('serves an OpenAPI document generated from the route schemas, and its browser', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/generations'].post.requestBody.content['application/json'].schema.properties.prompt).toBeDefined();
    expect(doc.paths['/api/v1/auth/signup']).toBeDefined();
    const ui = await t.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('<html');
  });

  it('documents what every API route answers on success: a body schema, a file type, or no content', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { description: string; content?: unknown }> }>>;
    };
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // A redirect (single sign-on) succeeds with a 3xx whose description says where it goes.
        const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^[23]/.test(code));
        const documented = success.length > 0 && success.every(([code, answer]) =>
          (code === '204' || code.startsWith('3') ? answer.description !== 'Default Response' : answer.content !== undefined));
        if (!documented) undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('never writes passwords, tokens, cookies or prompts to the logs', async () => {
    const password = 'canary-password-8c1f2e';
    const prompt = 'canary-prompt-71b3d9 a lighthouse';
    const u = await signUp(t.app, 'canary-log@example.test', password);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: u.email, password: 'canary-wrong-4d2a' } });
    const g = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers, payload: { prompt, size: '64x64' } });
    await waitForGeneration(t.app, u, g.json().id);
    await t.app.inject({ method: 'GET', url: `/api/v1/generations?q=canary-search-55e1`, headers: { cookie: u.cookie } });
    await t.app.inject({ method: 'POST', url: '/api/v1/edits', headers: u.headers, payload: { assetId: 'x', instruction: 'canary-instruction-0a9f' } });
    expect(logs.length).toBeGreaterThan(1000); // logging really happened at trace level
    const sessionToken = u.cookie.match(/atelier_session=([^;]+)/)![1]!;
    for (const secret of [password, 'canary-wrong-4d2a', 'canary-prompt-71b3d9', 'canary-search-55e1', 'canary-instruction-0a9f', sessionToken, u.csrf]) {
      expect(logs, secret).not.toContain(secret);
    }
  });

  it('[D-16] keeps passwords, tokens, emails and prompts out of the logs across the privacy routes too', async () => {
    const password = 'canary-password-privacy-5e0c';
    const oldEmail = 'canary-old-email-7d21@example.test';
    const newEmail = 'canary-new-email-93af@example.test';
    const prompt = 'canary-prompt-privacy-b6e4 a windmill';
    const u = await signUp(t.app, oldEmail, password);
    const g = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: u.headers, payload: { prompt, size: '64x64' } });
    await waitForGeneration(t.app, u, g.json().id);
    await t.app.inject({ method: 'PUT', url: '/api/v1/me/consents', headers: u.headers, payload: { product_emails: true, analytics: true } });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.headers, payload: { email: newEmail, currentPassword: password } });
    const exp = (await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: u.headers })).json();
    for (let e = exp; ['queued', 'running'].includes(e.status); await new Promise((r) => setTimeout(r, 50))) {
      e = (await t.app.inject({ url: `/api/v1/me/exports/${exp.id}`, headers: { cookie: u.cookie } })).json();
    }
    expect((await t.app.inject({ url: `/api/v1/me/exports/${exp.id}/download`, headers: { cookie: u.cookie } })).statusCode).toBe(200);
    await t.services.comms.outbox.send({ userId: u.id, to: newEmail, type: 'product.news', subject: 'News', text: 'Hello' });
    const unsubscribe = new URL(t.services.comms.outbox.unsubscribeUrl(u.id));
    const token = unsubscribe.searchParams.get('token')!;
    await t.app.inject({ url: `/unsubscribe?token=${encodeURIComponent(token)}` });
    await t.app.inject({ method: 'POST', url: `/unsubscribe?token=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    await t.app.inject({ method: 'POST', url: '/api/v1/analytics/events', headers: { ...u.headers, cookie: `${u.cookie}; atelier_analytics=1` }, payload: { feature: 'canary.feature' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/me/policy-acknowledgement', headers: u.headers, payload: { version: t.services.config.privacy.policyVersion } });
    await t.app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: u.cookie } });
    await t.app.inject('/privacy');
    await t.services.comms.analytics.flush();
    expect(logs).toContain('/unsubscribe'); // the routes above were logged, without what must stay out
    const sessionToken = u.cookie.match(/atelier_session=([^;]+)/)![1]!;
    for (const secret of [password, oldEmail, newEmail, 'canary-prompt-privacy-b6e4', token, sessionToken, u.csrf]) {
      expect(logs, secret).not.toContain(secret);
    }
  });

  it('answers unknown routes with the JSON error shape and never leaks a stack trace', async () => {
    const res = await t.app.inject('/api/v1/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers addresses the router refuses in the same shape, without echoing them', async () => {
    const tooLong = await t.app.inject(`/api/v1/assets/${'a'.repeat(500)}`);
    expect(tooLong.statusCode).toBe(404);
    expect(tooLong.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    const badEncoding = await t.app.inject('/api/v1/assets/%E0%A4%A');
    expect(badEncoding.statusCode).toBe(400);
    expect(badEncoding.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/percent-encoding/) } });
    expect(badEncoding.body).not.toContain('%E0');
  });
});

describe('landing page', () => {
  it('says what is running at / when the studio is not built', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('/api/docs');
  });
});

describe('the built studio', () => {
  let studio: TestApp;
  const index = '<!doctype html><title>studio</title><div id="root"></div>';

  beforeAll(async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), index);
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    studio = await createTestApp({ config: { webDir } });
  });
  afterAll(async () => {
    fs.rmSync(studio.services.config.webDir, { recursive: true, force: true });
    await studio.close();
  });

  it('serves its files, falls back to index.html for client routes, and keeps JSON 404s for the API', async () => {
    expect((await studio.app.inject('/')).body).toBe(index);
    expect((await studio.app.inject('/assets/app.js')).body).toBe('console.log(1)');
    const clientRoute = await studio.app.inject('/gallery/some-album');
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.body).toBe(index);
    const api = await studio.app.inject('/api/v1/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
  });
});

describe('readiness at scale', () => {
  it('answers 503 naming each back-end that does not answer, and 200 once they all do', async () => {
    const base = testConfig('unused').deployment;
    const unreachable = {
      ...base,
      redisUrl: 'redis://127.0.0.1:1',
      s3: { bucket: 'atelier-test', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', accessKeyId: 'x', secretAccessKey: 'y', forcePathStyle: true },
    };
    const down = await createTestApp({ config: { deployment: unreachable, runWorkers: false } });
    try {
      const res = await down.app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'NOT_READY', message: 'Not reachable: job queue, event bus, blob store' } });
    } finally {
      await down.close();
    }

    const s3 = await startLocalS3();
    const up = await createTestApp({ config: { deployment: { ...base, redisUrl: testRedisUrl, redisPrefix: uniqueRedisPrefix(), s3: s3.config }, runWorkers: false } });
    try {
      await vi.waitFor(async () => expect((await up.app.inject('/readyz')).json()).toEqual({ status: 'ready' }));
    } finally {
      await up.close();
      await s3.close();
    }
  });
});
