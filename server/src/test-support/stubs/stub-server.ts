/**
 * What the conformance stubs share: a real HTTP server on 127.0.0.1 (port 0), a log of every request, a script of
 * scenarios consumed one per accepted request, files served for image URLs, and image bytes made with sharp.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or the text fields of a multipart body. */
  body: Record<string, unknown>;
  /** Multipart file parts (edits). */
  files: Array<{ field: string; name: string; type: string; bytes: number }>;
  /** HTTP status the stub answered with (undefined when the connection was dropped before an answer). */
  status?: number;
  /** True when the client went away before the answer was complete (a timeout or a cancellation on its side). */
  clientAborted: boolean;
}

export interface StubExchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  record: RecordedRequest;
  /** Resolves when the client closes the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
}

export type StubHandler = (x: StubExchange, raw: Buffer) => Promise<void>;

export class StubServer {
  readonly requests: RecordedRequest[] = [];
  private readonly files = new Map<string, { type: string; data: Buffer }>();
  url = '';

  /** `server`: the node server itself, for stubs that also take websocket upgrades. */
  private constructor(readonly server: http.Server) {}

  static async start(handler: StubHandler): Promise<StubServer> {
    const server = http.createServer();
    const stub = new StubServer(server);
    server.on('request', (req, res) => void stub.dispatch(req, res, handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return stub;
  }

  /** Serves `data` at a fresh URL on this stub (what a provider's image link points to). */
  host(data: Buffer, type: string): string {
    const id = crypto.randomBytes(8).toString('hex');
    this.files.set(id, { type, data });
    return `${this.url}/files/${id}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse, handler: StubHandler): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = req.method === 'GET' && path.startsWith('/files/') ? this.files.get(path.slice(7)) : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length }).end(file.data);
      return;
    }
    const record: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body: {}, files: [], clientAborted: false };
    let closed = false;
    const closedPromise = new Promise<void>((resolve) => {
      res.on('close', () => {
        closed = true;
        if (!res.writableFinished) record.clientAborted = true;
        resolve();
      });
    });
    res.on('finish', () => (record.status = res.statusCode));
    try {
      const raw = await readBody(req);
      this.requests.push(record);
      await handler({ req, res, record, closed: closedPromise, isClosed: () => closed }, raw);
    } catch (err) {
      if (!res.headersSent && !closed) sendJson(res, 500, { error: { code: 'StubFailure', message: String(err) } });
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

export function openEventStream(res: http.ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
}

export function writeEvent(res: http.ServerResponse, event: string | undefined, data: unknown): void {
  res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** Waits `ms`, or less if the client goes away first. */
export function waitOrClose(ms: number, x: StubExchange): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void x.closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Closes the connection mid-answer, after what was written so far reached the client: a broken stream. */
export function dropConnection(x: StubExchange): void {
  x.req.socket.end();
}

const imageCache = new Map<string, Promise<Buffer>>();
const PALETTE = ['#d04030', '#3070d0', '#30a050', '#d0a030', '#8040c0', '#20a0a0', '#c05080', '#707070'];

/** A solid image of the given size and format; the colour follows `index`, so tests can tell outputs apart. */
export function stubImage(width: number, height: number, index: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const key = `${width}x${height}:${index % PALETTE.length}:${format}`;
  let p = imageCache.get(key);
  if (!p) {
    const s = sharp({ create: { width, height, channels: 3, background: PALETTE[index % PALETTE.length]! } });
    p = (format === 'jpeg' ? s.jpeg({ quality: 80 }) : s.png({ compressionLevel: 1 })).toBuffer();
    imageCache.set(key, p);
  }
  return p;
}

/** Reads a base64 data URI: its declared type and bytes (undefined when it is not one). */
export function parseDataUri(text: string): { type: string; data: Buffer } | undefined {
  const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)$/.exec(text);
  if (!m) return undefined;
  return { type: m[1]!, data: Buffer.from(m[2]!, 'base64') };
}

/** Format and size of image bytes, or undefined when they are not an image sharp can read. */
export async function probeImage(data: Buffer): Promise<{ format: string; width: number; height: number } | undefined> {
  try {
    const m = await sharp(data).metadata();
    return m.format && m.width && m.height ? { format: m.format, width: m.width, height: m.height } : undefined;
  } catch {
    return undefined;
  }
}

/** A script of scenarios: each accepted request takes the next one; when none is left, the fallback answers. */
export class Script<S> {
  private readonly queue: S[] = [];
  constructor(private fallback: (n: number) => S) {}
  private served = 0;

  push(...scenarios: S[]): void {
    this.queue.push(...scenarios);
  }

  setFallback(fallback: (n: number) => S): void {
    this.fallback = fallback;
  }

  next(): S {
    return this.queue.shift() ?? this.fallback(this.served++);
  }

  clear(): void {
    this.queue.length = 0;
  }
}
