import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { acceptAnalytics, declineAnalytics } from '../../app/cookie-consent';
import { SessionProvider } from '../../app/session';
import { I18nProvider } from '../../i18n/i18n';
import AuthScreen from './AuthScreen';

const USER = { id: 'u1', email: 'ada@example.test', name: 'Ada', role: 'user', preferences: {}, createdAt: '2026-01-01T00:00:00Z' };

/** A stand-in for the API's sign-in and consent endpoints (their documented shapes), recording every request. */
function fakeApi(accountAnalytics: boolean) {
  const requests: { method: string; path: string; body?: unknown }[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const consents = (analytics: boolean) => ({
    trainingOffered: true,
    consents: {
      training: { granted: false, policyVersion: null, updatedAt: null },
      product_emails: { granted: false, policyVersion: null, updatedAt: null },
      analytics: { granted: analytics, policyVersion: analytics ? '1' : null, updatedAt: null },
    },
    history: [],
  });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace('/api/v1', '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path, body });
    if (path === '/me') return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Log in first.' } });
    if (path === '/auth/login' || path === '/auth/signup') return json(200, { user: USER, csrfToken: 'c' });
    if (path === '/me/consents' && method === 'GET') return json(200, consents(accountAnalytics));
    if (path === '/me/consents' && method === 'PUT') return json(200, consents(body.analytics));
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });
  return { fetch, requests };
}

async function logIn(api: ReturnType<typeof fakeApi>) {
  vi.stubGlobal('fetch', api.fetch);
  render(
    <I18nProvider locale="en">
      <SessionProvider>
        <AuthScreen />
      </SessionProvider>
    </I18nProvider>,
  );
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: USER.email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long and fine password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(api.requests.some((r) => r.path === '/auth/login')).toBe(true));
}

const consentWrites = (api: ReturnType<typeof fakeApi>) => api.requests.filter((r) => r.path === '/me/consents' && r.method === 'PUT');

beforeEach(() => {
  // No choice made yet: declining drops the analytics cookie, clearing storage forgets the "declined".
  declineAnalytics();
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('carrying the cookie banner’s choice to the account on sign-in', () => {
  it('records analytics consent on the account when the banner was accepted and the account had it off', async () => {
    acceptAnalytics();
    const api = fakeApi(false);
    await logIn(api);
    await waitFor(() => expect(consentWrites(api)).toEqual([{ method: 'PUT', path: '/me/consents', body: { analytics: true } }]));
  });

  it('writes nothing when the account already has analytics consent', async () => {
    acceptAnalytics();
    const api = fakeApi(true);
    await logIn(api);
    await waitFor(() => expect(api.requests.some((r) => r.path === '/me/consents' && r.method === 'GET')).toBe(true));
    expect(consentWrites(api)).toEqual([]);
  });

  it('sends nothing about consent when the banner was declined or not answered', async () => {
    declineAnalytics();
    const api = fakeApi(false);
    await logIn(api);
    await new Promise((r) => setTimeout(r, 20));
    expect(api.requests.filter((r) => r.path.startsWith('/me/consents'))).toEqual([]);
  });
});

describe('sign-up on an open server', () => {
  function renderAt(url: string, answers: Record<string, [number, unknown]>) {
    window.history.pushState({}, '', url);
    const requests: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
      const path = input.replace('/api/v1', '');
      requests.push(`${init.method ?? 'GET'} ${path}`);
      const [status, body] = answers[path] ?? [401, { error: { code: 'UNAUTHENTICATED', message: 'Log in first.' } }];
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }));
    render(<I18nProvider locale="en"><SessionProvider><AuthScreen /></SessionProvider></I18nProvider>);
    return requests;
  }
  afterEach(() => window.history.pushState({}, '', '/'));

  it('says to check the email, and signs nobody in, when the server answers that the rest happens by email', async () => {
    const requests = renderAt('/signup', {
      '/auth/config': [200, { signup: 'open', firstRun: false, requireVerifiedEmail: false }],
      '/auth/signup': [202, { pending: true, message: 'Check your email' }],
    });
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Ada' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long and fine password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('ada@example.test');
    expect(requests.filter((r) => r === 'GET /me')).toHaveLength(1); // the session check on opening, no more
  });

  it('asks for the second factor when single sign-on sent the browser back with ?mfa=1', async () => {
    renderAt('/login?mfa=1', {});
    expect(await screen.findByRole('heading', { name: 'Two-step sign-in' })).toBeTruthy();
  });
});
