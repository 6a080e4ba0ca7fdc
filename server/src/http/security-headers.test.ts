import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../test-support/harness.js';

let t: TestApp;
let studio: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { trustProxy: ['127.0.0.1'] } });
  const webDir = path.join(t.dataDir, 'studio-build');
  fs.mkdirSync(webDir);
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>studio</title><div id="root"></div>');
  studio = await createTestApp({ config: { webDir } });
});
afterAll(async () => {
  await studio.close();
  await t.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values];
  }));
}

function expectHardened(res: LightMyRequestResponse): void {
  const csp = directives(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.has('upgrade-insecure-requests')).toBe(false);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['x-frame-options']).toBe('DENY');
}

describe('security headers', () => {
  it('are on API answers, errors, 404s, the docs and the server-rendered pages', async () => {
    const person = await signUp(t.app);
    const responses = [
      await get('/api/v1/me', { cookie: person.cookie }),
      await get('/api/v1/me'),
      await get('/api/v1/no-such-route'),
      await get('/healthz'),
      await get('/api/docs/'),
      await get('/api/docs/json'),
      await get('/privacy'),
      await get('/'),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{not json' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404, 200, 200, 200, 200, 200, 400]);
    for (const res of responses) expectHardened(res);
  });

  it('are on the studio and its client-side routes', async () => {
    for (const url of ['/', '/gallery']) {
      const res = await studio.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expectHardened(res);
    }
  });

  it('allow the inline style sheet of each server-rendered page by its hash, and no other inline style', async () => {
    for (const url of ['/privacy', '/']) {
      const res = await get(url);
      const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles.length).toBe(1);
      const allowed = directives(res).get('style-src')!;
      expect(allowed).not.toContain("'unsafe-inline'");
      for (const style of styles) {
        expect(allowed).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      }
      expect(res.body).not.toMatch(/ style="/);
    }
  });

  it('send HSTS only when the request came over HTTPS', async () => {
    expect((await get('/healthz')).headers['strict-transport-security']).toBeUndefined();
    const overHttps = await get('/healthz', { 'x-forwarded-proto': 'https' });
    expect(overHttps.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });

  it('send HSTS on event streams too, which write their own head', async () => {
    const person = await signUp(t.app);
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: person.headers, payload: { name: 'sse', scopes: ['images'] } })).json().token;
    const stream = await t.app.inject({
      method: 'POST', url: '/api/v3/images/generations', headers: { authorization: `Bearer ${token}`, 'x-forwarded-proto': 'https' },
      payload: { model: 'builtin', prompt: 'a lighthouse', size: '64x64', stream: true, response_format: 'b64_json' },
    });
    expect(stream.headers['content-type']).toContain('text/event-stream');
    expect(stream.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });
});
