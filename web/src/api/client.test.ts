import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, byId, unwrap } from './client';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'atelier_csrf=; max-age=0';
});

describe('the studio\'s typed client', () => {
  it('sends same-origin requests, the CSRF token on writes only, and drops empty query values', async () => {
    document.cookie = 'atelier_csrf=tok%20en';
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => json(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', fetch);
    await unwrap(api.GET('/api/v1/admin/users', { params: { query: { q: '', cursor: 'c 1' } } }));
    await unwrap(api.POST('/api/v1/batches/{id}/cancel', byId('b/1')));
    const [[getUrl, getInit], [postUrl, postInit]] = fetch.mock.calls;
    expect(getUrl).toBe('/api/v1/admin/users?cursor=c+1');
    expect(getInit.credentials).toBe('same-origin');
    expect(new Headers(getInit.headers).get('x-csrf-token')).toBeNull();
    expect(postUrl).toBe('/api/v1/batches/b%2F1/cancel');
    expect(new Headers(postInit.headers).get('x-csrf-token')).toBe('tok en');
  });

  it('turns a refusal into the server\'s code, message and wait, and an unreachable server into NETWORK', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(429, { error: { code: 'RATE_LIMITED', message: 'Slow down' } }, { 'retry-after': '7' })));
    const refused = await unwrap(api.GET('/api/v1/me')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: 'Slow down', retryAfterSeconds: 7 });

    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })));
    await expect(unwrap(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 502, code: 'INTERNAL' });

    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(unwrap(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('answers undefined for 204 and leaves an abort to the caller', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    await expect(unwrap(api.DELETE('/api/v1/me/tokens/{id}', byId('t1')))).resolves.toBeUndefined();
    vi.stubGlobal('fetch', vi.fn(async () => { throw new DOMException('aborted', 'AbortError'); }));
    await expect(unwrap(api.GET('/api/v1/me'))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
