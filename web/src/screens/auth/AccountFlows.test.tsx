import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SessionProvider } from '../../app/session';
import { I18nProvider } from '../../i18n/i18n';
import AuthScreen from './AuthScreen';
import ForgotPasswordScreen from './ForgotPasswordScreen';
import ResetPasswordScreen from './ResetPasswordScreen';

const USER = { id: 'u1', email: 'ada@example.test', name: 'Ada', role: 'user', preferences: {}, createdAt: '2026-01-01T00:00:00Z', emailVerified: true };

type Route = (method: string, body: any) => [number, unknown];

/** A stand-in for the API answering the documented shapes of the given routes, recording every request. */
function fakeApi(routes: Record<string, Route>) {
  const requests: { method: string; path: string; body?: any }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace('/api/v1', '').split('?')[0]!;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path, body });
    const [status, answer] = routes[path]?.(method, body) ?? [404, { error: { code: 'NOT_FOUND', message: 'No such route.' } }];
    return new Response(status === 204 ? null : JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  }));
  return requests;
}

const signedOut: Route = () => [401, { error: { code: 'UNAUTHENTICATED', message: 'Log in first.' } }];

const show = (ui: React.ReactNode) => render(<I18nProvider locale="en"><SessionProvider>{ui}</SessionProvider></I18nProvider>);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('account flows in the studio', () => {
  it('offers to create the administrator account on a server with no account yet', async () => {
    fakeApi({ '/me': signedOut, '/auth/config': () => [200, { signup: 'open', firstRun: true, requireVerifiedEmail: false }] });
    show(<AuthScreen />);
    expect(await screen.findByRole('heading', { name: 'Create the administrator account' })).toBeTruthy();
    expect(screen.getByLabelText('Name')).toBeTruthy();
  });

  it('asks for the second factor when the password step answers mfaRequired, then signs in', async () => {
    const requests = fakeApi({
      '/me': signedOut,
      '/auth/login': () => [200, { mfaRequired: true }],
      '/auth/login/mfa': (_m, body) => (body.code === '123456' ? [200, { user: USER, csrfToken: 'c' }] : [401, { error: { code: 'INVALID_CODE', message: 'x' } }]),
    });
    show(<AuthScreen />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: USER.email } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long and fine password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const code = await screen.findByLabelText('Code');
    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not right/);
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(requests.filter((r) => r.path === '/auth/login/mfa').map((r) => r.body.code)).toEqual(['000000', '123456']));
  });

  it('links "Forgot password?" from the login, and the request says the same whatever the address', async () => {
    const requests = fakeApi({ '/me': signedOut, '/auth/password-reset': () => [202, { message: 'sent' }] });
    show(<AuthScreen />);
    expect(screen.getByRole('link', { name: 'Forgot password?' }).getAttribute('href')).toBe('/forgot');
    cleanup();
    show(<ForgotPasswordScreen />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'someone@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/If an account uses this address/);
    expect(requests.find((r) => r.path === '/auth/password-reset')?.body).toEqual({ email: 'someone@example.test' });
  });

  it('sets the new password with the token of the link', async () => {
    window.history.replaceState(null, '', '/reset?token=tok-123');
    const requests = fakeApi({ '/me': signedOut, '/auth/password-reset/confirm': () => [200, { ok: true }] });
    show(<ResetPasswordScreen />);
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/every session was signed out/);
    expect(requests.find((r) => r.path === '/auth/password-reset/confirm')?.body).toEqual({ token: 'tok-123', password: 'a brand new passphrase' });
  });
});
