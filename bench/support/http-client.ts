import http from 'node:http';
import { signupTokenIn } from '../../server/src/test-support/signup.js';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = any>(): T;
}

/**
 * A minimal keep-alive HTTP/1.1 client on node:http, for loopback benchmarks only (it refuses any other host).
 * It costs less CPU per request than fetch, which matters when client and server share two cores.
 * Cookies from Set-Cookie are kept and sent back; writes carry the CSRF header as the studio does.
 */
export interface BenchClient {
  request(method: string, path: string, body?: unknown): Promise<HttpResponse>;
  get(path: string): Promise<HttpResponse>;
  post(path: string, body?: unknown): Promise<HttpResponse>;
}

function assertLoopback(url: URL): void {
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`benchmark traffic goes to 127.0.0.1 only, not ${url.hostname}`);
  }
}

/** Cookie jar shared by both clients. */
class Cookies {
  private readonly jar = new Map<string, string>();

  header(): string | undefined {
    return this.jar.size ? [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }

  get(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** Adopts the cookies of a `Cookie` header value (`a=1; b=2`). */
  adopt(header: string): void {
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  keep(lines: readonly string[] | undefined): void {
    for (const line of lines ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq < 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

export class HttpClient implements BenchClient {
  private readonly cookies = new Cookies();
  readonly url: URL;

  constructor(baseUrl: string, private readonly agent: http.Agent) {
    this.url = new URL(baseUrl);
    assertLoopback(this.url);
  }

  /** Uses an existing session: `cookie` is a Cookie header value (`atelier_session=...; atelier_csrf=...`). */
  useCookies(cookie: string): this {
    this.cookies.adopt(cookie);
    return this;
  }

  /** A keep-alive agent sized for `sockets` concurrent requests. */
  static agent(sockets: number): http.Agent {
    return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const headers: http.OutgoingHttpHeaders = {};
    const cookie = this.cookies.header();
    if (cookie) headers.cookie = cookie;
    const csrf = this.cookies.get('atelier_csrf');
    if (csrf && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrf;
    let payload: Buffer | undefined;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.url.hostname, port: this.url.port, path, method, headers, agent: this.agent },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('error', reject);
          res.on('end', () => {
            this.cookies.keep(res.headers['set-cookie']);
            const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, json: () => JSON.parse(buf.toString('utf8')) });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  get(path: string): Promise<HttpResponse> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<HttpResponse> {
    return this.request('POST', path, body);
  }
}

/** The same over Node's fetch (undici; its global dispatcher keeps connections alive). */
export class FetchClient implements BenchClient {
  private readonly cookies = new Cookies();
  readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL(baseUrl);
    assertLoopback(this.url);
  }

  async request(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    const cookie = this.cookies.header();
    if (cookie) headers.cookie = cookie;
    const csrf = this.cookies.get('atelier_csrf');
    if (csrf && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(new URL(path, this.url), { method, headers, body: payload });
    this.cookies.keep(res.headers.getSetCookie());
    const buf = Buffer.from(await res.arrayBuffer());
    const plain: http.IncomingHttpHeaders = {};
    res.headers.forEach((v, k) => (plain[k] = v));
    return { status: res.status, headers: plain, body: buf, json: () => JSON.parse(buf.toString('utf8')) };
  }

  get(path: string): Promise<HttpResponse> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown): Promise<HttpResponse> {
    return this.request('POST', path, body);
  }
}

/** Where the link of a sign-up that waits for its email (ADR 0026) is read: the token for an address. */
export type SignupLinks = (email: string) => Promise<string>;

/**
 * Signs a new account up over HTTP; the client keeps its session cookies. Returns the user id. The server's first
 * account is made at once; any other follows its emailed link, read through `links`.
 */
export async function signUpOverHttp(client: BenchClient, email: string, password = 'correct horse battery staple', links?: SignupLinks): Promise<string> {
  let res = await client.post('/api/v1/auth/signup', { email, password, name: 'Bench Person' });
  if (res.status === 202 && links) res = await client.post('/api/v1/auth/signup/confirm', { token: await links(email), password });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.body.toString()}`);
  return res.json<{ user: { id: string } }>().user.id;
}

/** Sign-up links read from the outbox by the server's administrator (`admin`, signed in), as admins read mail without SMTP. */
export function outboxSignupLinks(admin: BenchClient): SignupLinks {
  return async (email) => {
    for (let i = 0; i < 200; i++) {
      const res = await admin.get('/api/v1/admin/outbox?limit=500');
      const token = signupTokenIn(res.json<{ items: { to: string; type: string; text: string }[] }>().items, email);
      if (token) return token;
      await new Promise((r) => setTimeout(r, 50)); // the email is written just after the sign-up's answer
    }
    throw new Error(`no sign-up link emailed to ${email}`);
  };
}
