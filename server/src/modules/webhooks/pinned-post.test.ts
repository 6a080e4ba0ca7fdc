import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToWebhook, type PostOnce } from './pinned-post.js';

interface Seen { at: string; path: string; host: string | undefined; body: string }

/** Two receivers on one port, at 127.0.0.1 and 127.0.0.2: which one a request reaches tells which address it used. */
const seen: Seen[] = [];
const receivers: http.Server[] = [];
let port = 0;

function receiver(at: string): http.Server {
  return http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ at, path: req.url ?? '', host: req.headers.host, body });
      if (req.url === '/moved') res.writeHead(307, { location: '/landed' }).end();
      else res.writeHead(204).end();
    });
  });
}

beforeAll(async () => {
  const first = receiver('127.0.0.1');
  await new Promise<void>((r) => first.listen(0, '127.0.0.1', r));
  port = (first.address() as AddressInfo).port;
  const second = receiver('127.0.0.2');
  await new Promise<void>((r) => second.listen(port, '127.0.0.2', r));
  receivers.push(first, second);
});
afterAll(() => Promise.all(receivers.map((s) => new Promise<void>((r) => s.close(() => r())))));

/** A name that answers 127.0.0.1 the first time it is asked and 127.0.0.2 every time after (DNS rebinding). */
function rebindingName() {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    return [asked.length === 1 ? '127.0.0.1' : '127.0.0.2'];
  };
  return { resolve, asked };
}

const send = (url: string, resolve: (host: string) => Promise<string[]>) =>
  postToWebhook(url, { 'content-type': 'application/json' }, '{"type":"webhook.test"}', new AbortController().signal, { allowPrivate: true, resolve });

describe('a webhook delivery', () => {
  it('connects to the address it checked, without resolving the name again, and names the host it was given', async () => {
    const name = rebindingName();
    const outcome = await send(`http://hook.rebind.test:${port}/hook`, name.resolve);
    expect(outcome).toEqual({ ok: true, status: 204 });
    expect(name.asked).toEqual(['hook.rebind.test']);
    expect(seen.filter((s) => s.path === '/hook')).toEqual([
      { at: '127.0.0.1', path: '/hook', host: `hook.rebind.test:${port}`, body: '{"type":"webhook.test"}' },
    ]);
  });

  it('checks the address of every redirect hop again and connects to what that check found', async () => {
    const name = rebindingName();
    const outcome = await send(`http://hop.rebind.test:${port}/moved`, name.resolve);
    expect(outcome).toEqual({ ok: true, status: 204 });
    expect(name.asked).toEqual(['hop.rebind.test', 'hop.rebind.test']);
    expect(seen.filter((s) => s.host?.startsWith('hop.')).map((s) => `${s.at} ${s.path}`)).toEqual(['127.0.0.1 /moved', '127.0.0.2 /landed']);
  });

  it('refuses a redirect to the same host once that host resolves to a private address, with private addresses not allowed', async () => {
    // A public address first, then a private one (rebinding between hops). The request itself is recorded, not sent:
    // a public address cannot be served from here.
    const answers = ['93.184.215.14', '10.0.0.7'];
    const resolve = async () => [answers.shift()!];
    const sent: string[] = [];
    const send: PostOnce = async (url, addresses) => {
      sent.push(`${addresses.join(',')} ${url.pathname}`);
      return { status: 307, location: '/inside' };
    };
    const outcome = await postToWebhook('https://hook.example.test/moved', { 'content-type': 'application/json' }, '{}',
      new AbortController().signal, { allowPrivate: false, resolve }, send);
    expect(outcome).toMatchObject({ ok: false, status: null, permanent: true });
    expect((outcome as { error: string }).error).toMatch(/resolves to 10\.0\.0\.7, a loopback, private, link-local or metadata address/);
    expect(sent).toEqual(['93.184.215.14 /moved']);
  });

});
