import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';

export interface FakeRequest { method: string; path: string; body?: any }
type Route = (req: FakeRequest, json: (status: number, body?: unknown) => Response) => Response | undefined;

/** Test-only: stubs fetch with `route` (404 for anything it leaves unanswered), records every request, and renders `ui`. */
export function renderWithApi(ui: ReactElement, route: Route, locale: 'en' | 'zh' = 'en'): { requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const req = { method: init.method ?? 'GET', path: url.replace('/api/v1', ''), body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    requests.push(req);
    return route(req, json) ?? json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  }));
  render(<I18nProvider locale={locale}>{ui}</I18nProvider>);
  return { requests };
}

/** Call at the top of a test file that uses renderWithApi. */
export function cleanUpApiAfterEach(): void {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}
