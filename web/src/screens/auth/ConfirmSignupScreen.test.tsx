import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SessionProvider } from '../../app/session';
import { I18nProvider } from '../../i18n/i18n';
import ConfirmSignupScreen from './ConfirmSignupScreen';

const USER = { id: 'u1', email: 'ada@example.test', name: 'Ada', role: 'user', preferences: {}, createdAt: '2026-01-01T00:00:00Z' };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.pushState({}, '', '/');
});

describe('finishing a sign-up from its emailed link', () => {
  it('sends the link\'s token with the password, says so when the password is not the one chosen, and signs in when it is', async () => {
    window.history.pushState({}, '', '/signup/confirm?token=tok-123');
    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
      if (!input.endsWith('/auth/signup/confirm')) return new Response('{"error":{"code":"UNAUTHENTICATED","message":"x"}}', { status: 401 });
      const body = JSON.parse(String(init.body));
      bodies.push(body);
      return body.password === 'the right password'
        ? new Response(JSON.stringify({ user: USER, csrfToken: 'c' }), { status: 201, headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'no', details: { field: 'password' } } }), { status: 401 });
    }));
    render(<I18nProvider locale="en"><SessionProvider><ConfirmSignupScreen /></SessionProvider></I18nProvider>);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'not it at all' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That is not the password you chose when you signed up.');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'the right password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create my account' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(bodies).toEqual([{ token: 'tok-123', password: 'not it at all' }, { token: 'tok-123', password: 'the right password' }]);
  });
});
