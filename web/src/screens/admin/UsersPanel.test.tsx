import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { SessionProvider, useSession } from '../../app/session';
import { I18nProvider } from '../../i18n/i18n';
import { UsersPanel } from './UsersPanel';

const ADMIN = { id: 'a1', email: 'admin@example.test', name: 'Ada', role: 'admin', preferences: {}, createdAt: '2026-01-01T00:00:00Z', emailVerified: true, policyNotice: null };
const row = (id: string, extra: object = {}) => ({
  id, email: `${id}@example.test`, name: id, role: 'user', status: 'active', created: '2026-01-02T00:00:00.000Z', lastActive: null,
  images: 3, storageBytes: 2048, emailVerified: true, mfa: false, suspensionReason: null, plan: { id: 'pro', name: 'Pro' }, ...extra,
});

function fakeApi() {
  const requests: { method: string; url: string; body?: any }[] = [];
  let bob = row('bob');
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, url, body });
    const json = (status: number, answer: unknown) => new Response(status === 204 ? null : JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
    if (url === '/api/v1/me') return json(200, ADMIN);
    if (url.startsWith('/api/v1/admin/users?') || url === '/api/v1/admin/users') {
      const q = new URL(url, 'http://x').searchParams.get('q');
      return json(200, { items: q ? [bob].filter((u) => u.email.includes(q)) : [row('a1', { email: ADMIN.email, role: 'admin', plan: null }), bob], nextCursor: null });
    }
    if (url === '/api/v1/admin/users/bob/suspend') {
      bob = { ...bob, status: 'suspended', suspensionReason: body.reason };
      return json(204, null);
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  }));
  return requests;
}

/** Renders its children once GET /me has answered, as the app's gate does. */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession().user ? <>{children}</> : null;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('admin accounts panel', () => {
  it('lists accounts, searches, and suspends with a reason (never offering actions on oneself)', async () => {
    const requests = fakeApi();
    render(<I18nProvider locale="en"><SessionProvider><SignedIn><UsersPanel /></SignedIn></SessionProvider></I18nProvider>);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).queryByRole('button', { name: 'Suspend' })).toBeNull(); // the admin's own row
    expect(within(rows[2]!).getByText('3 images · 2.0 KB')).toBeTruthy();
    expect(within(rows[2]!).getByRole('cell', { name: 'Pro' })).toBeTruthy();
    // A server without plans limits nothing: the admin's row (no plan) says so.
    expect(within(rows[1]!).getByRole('cell', { name: 'Unlimited (no plans)' })).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'bob' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(requests.some((r) => r.url === '/api/v1/admin/users?q=bob')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'Spam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suspend now' }));
    expect(await screen.findByText('suspended: Spam')).toBeTruthy();
    expect(requests.find((r) => r.url.endsWith('/suspend'))?.body).toEqual({ reason: 'Spam' });
  });
});
