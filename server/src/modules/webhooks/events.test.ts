import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config.js';
import { ManualClock } from '../../lib/clock.js';
import { createTestApp, signUp, tempDir, waitForGeneration, type TestApp, type TestUser } from '../../test-support/harness.js';
import { until } from '../../test-support/until.js';
import { ModelArkStub } from '../../test-support/stubs/modelark-stub.js';

interface Received { url: string; body: string }

/** A local receiver: `/flaky` answers 503 to its first request and 204 after; everything else 204. */
let receiver: http.Server;
let base = '';
const received: Received[] = [];
const KEY = 'ark-webhook-key';
let stub: ModelArkStub;
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      const first = received.filter((r) => r.url === req.url).length === 1;
      res.writeHead(req.url === '/flaky' && first ? 503 : 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  stub = await ModelArkStub.start({ apiKey: KEY });
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await stub.close();
});

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

const addHook = (t: TestApp, user: TestUser, url: string, events: string[]) =>
  t.app.inject({ method: 'POST', url: '/api/v1/me/webhooks', headers: user.headers, payload: { url, events } });

const deliveriesOf = async (t: TestApp, user: TestUser, hookId: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/me/webhooks/${hookId}/deliveries`, headers: user.headers })).json().items;

describe('webhook events and retries', () => {
  it('retries a failing endpoint after its backoff, shown in the deliveries, and delivers on the retry', async () => {
    const clock = new ManualClock(Date.now());
    const t = await createTestApp({ clock, config: { webhookAllowPrivate: true } });
    apps.push(t);
    const person = await signUp(t.app);
    const { id } = (await addHook(t, person, `${base}/flaky`, ['generation.succeeded'])).json();
    await t.app.inject({ method: 'POST', url: `/api/v1/me/webhooks/${id}/test`, headers: person.headers });

    const failed = await until(async () => (await deliveriesOf(t, person, id)).find((d: any) => d.attempts === 1));
    expect(failed).toMatchObject({ status: 'pending', responseCode: 503 });
    // The first backoff: 30 s after the attempt, and nothing is tried before then.
    expect(Date.parse(failed.nextAttemptAt) - Date.parse(failed.lastAttemptAt)).toBe(30_000);
    expect(received.filter((r) => r.url === '/flaky')).toHaveLength(1);

    clock.advance(30_000);
    const delivered = await until(async () => (await deliveriesOf(t, person, id)).find((d: any) => d.status === 'delivered'));
    expect(delivered).toMatchObject({ attempts: 2, responseCode: 204, lastError: null, nextAttemptAt: null });
    expect(received.filter((r) => r.url === '/flaky')).toHaveLength(2);
  });

  it('tells when a generation ends partial and when it fails', async () => {
    const engines = loadConfig({ ATELIER_DATA_DIR: tempDir(), ATELIER_SEEDREAM_API_KEY: KEY, ATELIER_SEEDREAM_BASE_URL: stub.url }).engines;
    const t = await createTestApp({ config: { webhookAllowPrivate: true, engines } as Partial<Config> });
    apps.push(t);
    const person = await signUp(t.app);
    expect((await addHook(t, person, `${base}/ends`, ['generation.partial', 'generation.failed'])).statusCode).toBe(201);
    const generate = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers,
      payload: { prompt: 'a harbour at dusk', engine: 'seedream', count: 3 } })).json().id as string;

    stub.script.push({ kind: 'success', failures: [{ index: 1, code: 'OutputImageSensitiveContentDetected' }] });
    const partial = await generate();
    expect((await waitForGeneration(t.app, person, partial)).status).toBe('partial');
    stub.script.push({ kind: 'moderation', code: 'InputTextSensitiveContentDetected', shape: 'http-400' });
    const failed = await generate();
    expect((await waitForGeneration(t.app, person, failed)).status).toBe('failed');

    const events = await until(() => {
      const ends = received.filter((r) => r.url === '/ends').map((r) => JSON.parse(r.body));
      return ends.length === 2 ? ends : undefined;
    });
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'generation.partial', data: { id: partial, status: 'partial' } }),
      expect.objectContaining({ type: 'generation.failed', data: { id: failed, status: 'failed' } }),
    ]));
  });
});
