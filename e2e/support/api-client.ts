/** A small HTTP client that keeps cookies and sends the CSRF header, as the studio does. */
export class ApiClient {
  private cookies = new Map<string, string>();

  constructor(public baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers; bytes: Buffer }> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('atelier_csrf');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, bytes, json: type.includes('json') && bytes.length ? JSON.parse(bytes.toString()) : undefined };
  }

  /** The Cookie header this client sends (for requests made with plain fetch, e.g. reading a stream). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);

  async waitForGeneration(id: string, timeoutMs = 60_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const g = (await this.get(`/api/v1/generations/${id}`)).json;
      if (!['queued', 'running'].includes(g.status)) return g;
      if (Date.now() > deadline) throw new Error(`generation ${id} still ${g.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
