import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { ApiTokensSection } from './ApiTokensSection';

const SECRET = `atl_${'x'.repeat(43)}`;
const OLD = { id: 't1', name: 'old script', scopes: ['library'], prefix: 'atl_abcdefgh', createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null, expiresAt: null };

/** The token endpoints in their documented shapes, recording every request. */
function fakeApi() {
  const requests: { method: string; path: string; body?: any }[] = [];
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace('/api/v1', '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path, body });
    if (path === '/me/tokens' && method === 'GET') return json(200, { items: [OLD] });
    if (path === '/me/tokens' && method === 'POST') {
      return json(201, { ...OLD, id: 't2', name: body.name, scopes: body.scopes, prefix: SECRET.slice(0, 12), token: SECRET });
    }
    if (path === '/me/tokens/t1' && method === 'DELETE') return json(204);
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });
  return { fetch, requests };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show(locale: 'en' | 'zh' = 'en') {
  const api = fakeApi();
  vi.stubGlobal('fetch', api.fetch);
  render(<I18nProvider locale={locale}><ApiTokensSection /></I18nProvider>);
  return api;
}

describe('Settings → API tokens', () => {
  it('creates a token with the chosen scopes and expiry and shows its secret once', async () => {
    const api = show();
    await screen.findByText('old script');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'laptop' } });
    fireEvent.click(screen.getByLabelText('Library: albums, tags and trash'));
    fireEvent.change(screen.getByLabelText('Expires'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByDisplayValue(SECRET)).toBeTruthy();
    expect(screen.getByText('Copy your new token now: it will not be shown again.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'POST')!.body).toEqual({ name: 'laptop', scopes: ['images', 'library'], expiresInDays: 30 });
    // The list shows the new token by its prefix, never the secret.
    const list = screen.getByRole('list');
    expect(within(list).getByText('laptop')).toBeTruthy();
    expect(list.textContent).not.toContain(SECRET);
  });

  it('revokes a token', async () => {
    const api = show();
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke the token old script' }));
    await waitFor(() => expect(screen.queryByText('old script')).toBeNull());
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/me/tokens/t1')).toBe(true);
  });

  it('speaks Chinese', async () => {
    show('zh');
    expect(await screen.findByRole('heading', { name: 'API 令牌' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '创建令牌' })).toBeTruthy();
  });
});
