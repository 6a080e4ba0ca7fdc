import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import type { Locale } from '../../i18n/messages';
import { OtherSignIn } from './OtherSignIn';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderAt(search: string, oidc: { enabled: boolean; buttonLabel: string | null }, locale: Locale = 'en') {
  window.history.replaceState(null, '', `/login${search}`);
  const fetch = vi.fn(async (url: string) => (url === '/api/v1/auth/oidc' ? json(200, oidc) : json(404, {})));
  vi.stubGlobal('fetch', fetch);
  render(
    <I18nProvider locale={locale}>
      <OtherSignIn onSignedIn={() => undefined} />
    </I18nProvider>,
  );
  return fetch;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the login screen\'s other sign-ins', () => {
  it('shows the single sign-on button with the configured label, leading to the start of the sign-in', async () => {
    renderAt('', { enabled: true, buttonLabel: 'Sign in with Example ID' });
    const link = await screen.findByRole('link', { name: 'Sign in with Example ID' });
    expect(link.getAttribute('href')).toBe('/api/v1/auth/oidc/start');
  });

  it('shows no single sign-on button when none is set up', async () => {
    const fetch = renderAt('', { enabled: false, buttonLabel: null });
    // Let the answer of GET /auth/oidc arrive and render.
    await act(async () => {
      await fetch.mock.results[0]?.value;
    });
    expect(fetch).toHaveBeenCalledWith('/api/v1/auth/oidc', expect.anything());
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says why the provider\'s sign-in was refused, in the person\'s language', async () => {
    renderAt('?ssoError=email_unverified', { enabled: true, buttonLabel: 'SSO' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/has not verified your email address/);
    cleanup();
    renderAt('?ssoError=email_unverified', { enabled: true, buttonLabel: 'SSO' }, 'zh');
    expect((await screen.findByRole('alert')).textContent).toMatch(/尚未验证你的邮箱地址/);
  });

  it('says that the account is suspended when the provider\'s sign-in reached a suspended account', async () => {
    renderAt('?ssoError=account_suspended', { enabled: true, buttonLabel: 'SSO' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/This account is suspended/);
    cleanup();
    renderAt('?ssoError=account_suspended', { enabled: true, buttonLabel: 'SSO' }, 'zh');
    expect((await screen.findByRole('alert')).textContent).toMatch(/暂停使用/);
  });

  it('does not echo an unknown reason from the address bar', async () => {
    renderAt('?ssoError=%3Cscript%3E', { enabled: false, buttonLabel: null });
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not confirm who you are/);
  });
});
