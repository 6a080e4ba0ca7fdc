import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../assets/test-fixtures.js';
import { appForFile, createTestApp, signUp, type TestApp, type TestUser } from '../../test-support/harness.js';
import { until } from '../../test-support/until.js';

interface Received { url: string; headers: http.IncomingHttpHeaders; body: string }

/** A local receiver: records every request; `/moved` redirects to another host name for the same server. */
let receiver: http.Server;
let base = '';
const received: Received[] = [];
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/fail') res.writeHead(500).end();
      else if (req.url === '/moved') {
        res.writeHead(302, { location: `http://localhost:${(receiver.address() as AddressInfo).port}/hook` }).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const { t, people: [alice, bob] } = appForFile({ people: 2, config: { webhookAllowPrivate: true } });

const addHook = (app: TestApp['app'], user: TestUser, url: string, events: string[] = ['generation.succeeded']) =>
  app.inject({ method: 'POST', url: '/api/v1/me/webhooks', headers: user.headers, payload: { url, events } });

describe('webhooks', () => {
  it('signs a test event per Standard Webhooks, delivers it from the queue and lists the delivery', async () => {
    const res = await addHook(t.app, alice, `${base}/hook`);
    expect(res.statusCode).toBe(201);
    const { id, secret } = res.json();
    expect(secret).toMatch(/^whsec_/);
    const stored = await t.services.db.selectFrom('webhooks').select('secret').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(secret.slice(6));
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/me/webhooks', headers: alice.headers })).json();
    expect(list.items).toEqual([expect.objectContaining({ id, url: `${base}/hook`, events: ['generation.succeeded'], enabled: true })]);
    expect(JSON.stringify(list)).not.toContain(secret);

    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/me/webhooks/${id}/test`, headers: alice.headers });
    expect(sent.statusCode).toBe(202);
    const msg = await until(() => received.find((r) => r.headers['webhook-id'] === sent.json().id));
    const verified = new Webhook(secret).verify(msg.body, msg.headers as Record<string, string>) as any;
    expect(verified.type).toBe('webhook.test');
    expect(() => new Webhook(`whsec_${Buffer.alloc(24).toString('base64')}`).verify(msg.body, msg.headers as Record<string, string>)).toThrow();

    const delivery = await until(async () => {
      const items = (await t.app.inject({ method: 'GET', url: `/api/v1/me/webhooks/${id}/deliveries`, headers: alice.headers })).json().items;
      return items[0]?.status === 'delivered' ? items[0] : undefined;
    });
    expect(delivery).toMatchObject({ event: 'webhook.test', attempts: 1, responseCode: 204 });
  });

  it('tells a subscribed webhook when a generation succeeds', async () => {
    const hook = (await addHook(t.app, bob, `${base}/bob`)).json();
    const g = (await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: bob.headers, payload: { prompt: 'a kite', size: '64x64' } })).json();
    const msg = await until(() => received.find((r) => r.url === '/bob' && r.body.includes(g.id)));
    const event = new Webhook(hook.secret).verify(msg.body, msg.headers as Record<string, string>) as any;
    expect(event).toMatchObject({ type: 'generation.succeeded', data: { id: g.id, status: 'succeeded' } });
    expect(msg.body).not.toContain('a kite');
  });

  it('tells when a batch has completed (once) and when an export is ready', async () => {
    const person = await signUp(t.app);
    const hook = (await addHook(t.app, person, `${base}/later`, ['batch.completed', 'export.ready'])).json();
    const form = multipart({ data: Buffer.from('prompt,size\none,64x64\ntwo,64x64\n'), filename: 'two.csv', contentType: 'text/csv' });
    const batch = (await t.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...person.headers, ...form.headers }, payload: form.payload })).json();
    const msg = await until(() => received.find((r) => r.url === '/later' && r.body.includes(batch.id)));
    const event = new Webhook(hook.secret).verify(msg.body, msg.headers as Record<string, string>) as any;
    expect(event).toMatchObject({ type: 'batch.completed', data: { id: batch.id, status: 'succeeded', rowCount: 2 } });
    const exp = (await t.app.inject({ method: 'POST', url: '/api/v1/me/exports', headers: person.headers })).json();
    const ready = await until(() => received.find((r) => r.url === '/later' && r.body.includes(exp.id)));
    expect(JSON.parse(ready.body)).toMatchObject({ type: 'export.ready', data: { id: exp.id } });
    expect(received.filter((r) => r.url === '/later' && r.body.includes('batch.completed'))).toHaveLength(1);
  });

  it('tells once that a batch has ended when it is canceled, with its status canceled', async () => {
    // No workers: the rows stay queued until canceled, and the delivery stays queued where it can be read.
    const idle = await createTestApp({ config: { workerConcurrency: 0, webhookAllowPrivate: true } });
    try {
      const person = await signUp(idle.app);
      await addHook(idle.app, person, `${base}/canceled`, ['batch.completed']);
      const form = multipart({ data: Buffer.from('prompt,size\none,64x64\ntwo,64x64\n'), filename: 'two.csv', contentType: 'text/csv' });
      const batch = (await idle.app.inject({ method: 'POST', url: '/api/v1/batches', headers: { ...person.headers, ...form.headers }, payload: form.payload })).json();
      const cancel = () => idle.app.inject({ method: 'POST', url: `/api/v1/batches/${batch.id}/cancel`, headers: person.headers });
      expect((await cancel()).statusCode).toBe(200);
      expect((await cancel()).statusCode).toBe(409);
      const deliveries = await idle.services.db.selectFrom('webhook_deliveries').select(['event', 'payload'])
        .where('user_id', '=', person.id).execute();
      expect(deliveries.map((d) => d.event)).toEqual(['batch.completed']);
      expect(JSON.parse(deliveries[0]!.payload)).toMatchObject({
        type: 'batch.completed', data: { id: batch.id, status: 'canceled', rowCount: 2, counts: { canceled: 2 } },
      });
    } finally {
      await idle.close();
    }
  });

  it('does not follow a redirect to another host', async () => {
    const { id } = (await addHook(t.app, alice, `${base}/moved`)).json();
    await t.app.inject({ method: 'POST', url: `/api/v1/me/webhooks/${id}/test`, headers: alice.headers });
    const delivery = await until(async () => {
      const items = (await t.app.inject({ method: 'GET', url: `/api/v1/me/webhooks/${id}/deliveries`, headers: alice.headers })).json().items;
      return items[0]?.attempts > 0 ? items[0] : undefined;
    });
    expect(delivery).toMatchObject({ status: 'pending', responseCode: 302 });
    expect(delivery.lastError).toMatch(/another host/);
    expect(received.filter((r) => r.url === '/hook' && r.headers.host?.startsWith('localhost'))).toEqual([]);
  });

  it('gives up on a delivery after 24 h, and turns a webhook off with an email after five such', async () => {
    const person = await signUp(t.app);
    const { id } = (await addHook(t.app, person, `${base}/fail`)).json();
    const { db, jobOutbox, clock } = t.services;
    // Deliveries made a day ago: the next failure is their last.
    const dayAgo = clock.now() - 24 * 3600_000;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i++) {
        const d = { id: `msg_old${i}${id}`, webhook_id: id, user_id: person.id, event: 'webhook.test', payload: '{}', status: 'pending' as const,
          attempts: 3, response_code: null, last_error: null, created_at: dayAgo, last_attempt_at: null };
        await trx.insertInto('webhook_deliveries').values(d).execute();
        await jobOutbox.addIn(trx, { kind: 'webhook-delivery', subjectId: d.id, userId: person.id, cost: 1 });
      }
    });
    jobOutbox.committed();
    const hook = await until(async () => {
      const items = (await t.app.inject({ method: 'GET', url: '/api/v1/me/webhooks', headers: person.headers })).json().items;
      return items[0]?.enabled === false ? items[0] : undefined;
    });
    expect(hook.disabledAt).not.toBeNull();
    const deliveries = (await t.app.inject({ method: 'GET', url: `/api/v1/me/webhooks/${id}/deliveries`, headers: person.headers })).json().items;
    expect(deliveries.map((d: any) => [d.status, d.attempts, d.responseCode])).toEqual(Array(5).fill(['failed', 4, 500]));
    const mail = await db.selectFrom('outbox').select(['type', 'to_address', 'text_body']).where('user_id', '=', person.id).where('type', '=', 'webhook.disabled').execute();
    expect(mail).toEqual([expect.objectContaining({ to_address: person.email })]);
    expect(mail[0]!.text_body).toContain(`${base}/fail`);
  });

  it("keeps each person's webhooks to themselves, and a token cannot manage them", async () => {
    const { id } = (await addHook(t.app, alice, `${base}/private`)).json();
    for (const [method, url] of [['PATCH', `/api/v1/me/webhooks/${id}`], ['DELETE', `/api/v1/me/webhooks/${id}`], ['POST', `/api/v1/me/webhooks/${id}/test`], ['GET', `/api/v1/me/webhooks/${id}/deliveries`]] as const) {
      const res = await t.app.inject({ method, url, headers: bob.headers, ...(method === 'PATCH' ? { payload: { enabled: false } } : {}) });
      expect(res.statusCode).toBe(404);
    }
    const token = (await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: alice.headers, payload: { name: 's', scopes: ['images'] } })).json().token;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/webhooks', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/me/webhooks/${id}`, headers: alice.headers, payload: { enabled: false, events: ['batch.completed'] } });
    expect(off.json()).toMatchObject({ enabled: false, events: ['batch.completed'] });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/me/webhooks/${id}`, headers: alice.headers })).statusCode).toBe(204);
  });
});

describe('webhook addresses, without ATELIER_WEBHOOK_ALLOW_PRIVATE', () => {
  let strict: TestApp;
  let carol: TestUser;
  beforeAll(async () => {
    strict = await createTestApp();
    carol = await signUp(strict.app);
  });
  afterAll(() => strict.close());

  it.each([
    ['http://example.com/hook', /use https/],
    ['https://127.0.0.1/hook', /loopback, private, link-local or metadata/],
    ['https://localhost/hook', /localhost resolves to/],
    ['https://10.1.2.3/hook', /10\.1\.2\.3/],
    ['https://192.168.1.10/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /metadata/],
    ['https://[::1]/hook', /::1/],
    ['https://[fd00::1]/hook', /private/],
    ['https://[::ffff:127.0.0.1]/hook', /loopback/],
    ['https://user:pw@93.184.216.34/hook', /credentials/],
  ])('refuses %s with the reason', async (url, reason) => {
    const res = await addHook(strict.app, carol, url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(reason);
  });

  it('accepts a public https address', async () => {
    const res = await addHook(strict.app, carol, 'https://93.184.216.34/hook');
    expect(res.statusCode).toBe(201);
  });
});
