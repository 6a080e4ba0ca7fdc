import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import BatchScreen from './BatchScreen';

const counts = (over: Record<string, number>) => ({ waiting: 0, queued: 0, running: 0, succeeded: 0, partial: 0, failed: 0, canceled: 0, ...over });
const batch = (status: string, over: Record<string, number>) => ({
  id: 'b1', fileName: 'prompts.csv', status, rowCount: 2, progress: status === 'succeeded' ? 1 : 0, counts: counts(over),
  createdAt: '2026-01-01T00:00:00Z', canceledAt: null,
  // While queued, the second row waits in the batch for room (the plan's concurrency, the rate limit).
  rows: [1, 2].map((row) => ({
    row, line: row + 1, generationId: status === 'queued' && row === 2 ? null : `g${row}`,
    status: status === 'succeeded' ? 'succeeded' : row === 2 ? 'waiting' : 'queued', progress: 0, error: null,
  })),
});

const plan = {
  id: 'free', name: 'Free', monthlyCredits: 50, creditsPerImage: { default: 1, '4K': 4 }, engineCreditsPerImage: {},
  maxSetSize: 4, maxConcurrentJobs: 2, storageQuotaMiB: 0, engines: ['builtin'], allowOwnKeys: false,
};
const billing = {
  plan, unlimited: false, balance: 20, usage: { creditsThisCycle: 0, storageBytes: 0, storageQuotaBytes: null },
  cycleStartedAt: null, renewsAt: null, subscription: null, payments: false, plans: [], creditPacks: [],
};

/**
 * The batch endpoints in their documented shapes: the batch is queued when made, finished on the next read. With
 * `plans`, the server has a plans file (GET /me/billing answers a plan) and prices a file's rows.
 */
function fakeApi(plans = false) {
  const requests: { method: string; path: string; body?: unknown }[] = [];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace('/api/v1', '');
    requests.push({ method, path, body: init.body });
    if (path === '/batches' && method === 'GET') return json(200, { items: [] });
    if (path === '/batches' && method === 'POST') return json(201, batch('queued', { queued: 1, waiting: 1 }));
    if (path === '/batches/b1') return json(200, batch('succeeded', { succeeded: 2 }));
    if (plans && path === '/me/billing') return json(200, billing);
    if (plans && path === '/batches/cost') {
      return json(200, { requests: [{ engine: 'builtin', width: 1024, height: 1024, count: 2 }, { engine: 'builtin', width: 4096, height: 4096, count: 1 }] });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });
  return { fetch, requests };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('Batch screen', () => {
  it('uploads a dropped file, follows its progress by polling, and offers the zip once rows are done', async () => {
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    render(<I18nProvider locale="en"><BatchScreen /></I18nProvider>);
    expect(await screen.findByText('No batches yet.')).toBeTruthy();
    const file = new File(['prompt\na cat\na dog\n'], 'prompts.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByText('Drop a CSV or JSONL file here, or choose one').parentElement!, { dataTransfer: { files: [file] } });
    expect(await screen.findByText('prompts.csv · 0 of 2 rows done · queued')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect((post.body as FormData).get('file')).toBeInstanceOf(File);
    expect(screen.getByRole('button', { name: 'Cancel batch' })).toBeTruthy();
    expect(screen.getByText('Rows waiting their turn: 1')).toBeTruthy();
    expect(screen.getByText('Row 2 (line 3): waiting')).toBeTruthy();
    expect(await screen.findByText('prompts.csv · 2 of 2 rows done · done', {}, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download images (zip)' }).getAttribute('href')).toBe('/api/v1/batches/b1/archive');
    expect(screen.getByRole('link', { name: 'Download the CSV template' }).getAttribute('href')).toMatch(/^data:text\/csv/);
  });

  it('with plans, prices the whole file before starting it, and starts it only when asked', async () => {
    const api = fakeApi(true);
    vi.stubGlobal('fetch', api.fetch);
    render(<I18nProvider locale="en"><BatchScreen /></I18nProvider>);
    expect(await screen.findByText('No batches yet.')).toBeTruthy();
    await vi.waitFor(() => expect(api.requests.some((r) => r.path === '/me/billing')).toBe(true));
    const file = new File(['prompt,count\na cat,2\na dog,\n'], 'prompts.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByText('Drop a CSV or JSONL file here, or choose one').parentElement!, { dataTransfer: { files: [file] } });
    expect(await screen.findByText('Costs 6 credits (you have 20).')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/batches/cost']);
    fireEvent.click(screen.getByRole('button', { name: 'Start the batch' }));
    expect(await screen.findByText('prompts.csv · 0 of 2 rows done · queued')).toBeTruthy();
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/batches/cost', '/batches']);
  });

  it('speaks Chinese', async () => {
    vi.stubGlobal('fetch', fakeApi().fetch);
    render(<I18nProvider locale="zh"><BatchScreen /></I18nProvider>);
    expect(await screen.findByText('还没有批量任务。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '下载 CSV 模板' })).toBeTruthy();
    expect(screen.getByText(/之后各行会在你的套餐同时生成数上限和频率限制允许时开始/)).toBeTruthy();
  });
});
