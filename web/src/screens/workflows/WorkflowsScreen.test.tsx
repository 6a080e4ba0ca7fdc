import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import WorkflowsScreen from './WorkflowsScreen';

const saved = (body: any) => ({ id: 'w1', ...body, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
const run = (done: boolean) => ({
  id: 'r1', workflowId: 'w1', name: 'Poster', status: done ? 'succeeded' : 'running', progress: done ? 1 : 0.5, inputs: { prompt: 'an owl' },
  steps: [
    { index: 0, kind: 'generate', status: 'succeeded', generationId: 'g1', assets: [{ id: 'a1', urls: { content: '/c/a1', thumbnail: '/t/a1' } }] },
    { index: 1, kind: 'edit', status: done ? 'succeeded' : 'running', generationId: 'g2', assets: done ? [{ id: 'a2', urls: { content: '/c/a2', thumbnail: '/t/a2' } }] : [] },
  ],
  archiveUrl: null, createdAt: '2026-01-01T00:00:00Z', startedAt: null, finishedAt: null,
});

const billing = {
  plan: { id: 'free', name: 'Free', monthlyCredits: 50, creditsPerImage: { default: 1, '2K': 2 }, engineCreditsPerImage: {}, maxSetSize: 4, maxConcurrentJobs: 2,
    storageQuotaMiB: 0, engines: ['builtin'], allowOwnKeys: false },
  unlimited: false, balance: 3, usage: { creditsThisCycle: 0, storageBytes: 0, storageQuotaBytes: null },
  cycleStartedAt: null, renewsAt: null, subscription: null, payments: false, plans: [], creditPacks: [],
};

/**
 * The workflow endpoints in their documented shapes: a run is running when started, finished on the next read. With
 * `plans`, the server has a plans file and prices a run: a generate step of two 2K images, and an edit of one.
 */
function fakeApi(plans = false) {
  const requests: { method: string; path: string; body?: any }[] = [];
  let stored: any;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace('/api/v1', '').replace(/\?.*$/, '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path, body });
    if (path === '/workflows' && method === 'GET') return json(200, { items: stored ? [stored] : [] });
    if (path === '/workflows' && method === 'POST') return json(201, (stored = saved(body)));
    if (path === '/workflows/w1') return json(200, stored);
    if (path === '/workflow-runs') return json(200, { items: [] });
    if (path === '/workflows/w1/runs') return json(202, run(false));
    if (path === '/workflow-runs/r1') return json(200, run(true));
    if (path === '/albums') return json(200, { items: [], nextCursor: null });
    if (plans && path === '/me/billing') return json(200, billing);
    if (plans && path === '/workflows/w1/cost') {
      return json(200, { requests: [{ engine: 'builtin', width: 2048, height: 2048, count: 2 }, { engine: 'builtin', width: 2048, height: 2048, count: 1 }] });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });
  return { fetch, requests };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Workflows screen', () => {
  it('builds a workflow in a form, declares the variables its steps use, runs it and shows each step\'s output', async () => {
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetch);
    render(<I18nProvider locale="en"><WorkflowsScreen /></I18nProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'New workflow' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Poster' } });
    fireEvent.change(screen.getByLabelText('Kind of step to add'), { target: { value: 'edit' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    fireEvent.change(screen.getByLabelText('Instruction'), { target: { value: 'make it {{mood}}' } });
    fireEvent.change(screen.getByLabelText('Default for {{mood}}'), { target: { value: 'stormy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save workflow' }));
    expect(await screen.findByText('Workflow saved.')).toBeTruthy();
    const post = api.requests.find((r) => r.method === 'POST' && r.path === '/workflows')!;
    expect(post.body).toEqual({
      name: 'Poster',
      steps: [{ kind: 'generate', prompt: '{{prompt}}' }, { kind: 'edit', instruction: 'make it {{mood}}' }],
      variables: [{ name: 'prompt' }, { name: 'mood', default: 'stormy' }],
    });

    fireEvent.change(await screen.findByLabelText('Value of {{prompt}}'), { target: { value: 'an owl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText('Poster · running · 1 of 2 steps', { selector: '[role=status]' })).toBeTruthy();
    expect(api.requests.find((r) => r.path === '/workflows/w1/runs')!.body).toEqual({ inputs: { prompt: 'an owl', mood: 'stormy' } });
    expect(await screen.findByText('Poster · done · 2 of 2 steps', { selector: '[role=status]' }, { timeout: 4000 })).toBeTruthy();
    const second = screen.getByRole('list', { name: 'Output of step 2' });
    expect(second.querySelector('img')!.getAttribute('src')).toBe('/t/a2');
  });
  it('with plans, shows what a run will cost before it is sent, priced again with the inputs typed', async () => {
    const api = fakeApi(true);
    vi.stubGlobal('fetch', api.fetch);
    render(<I18nProvider locale="en"><WorkflowsScreen /></I18nProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'New workflow' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Poster' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save workflow' }));
    expect(await screen.findByText('Costs 6 credits (you have 3). Not enough credits: ask for fewer or smaller images.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Value of {{prompt}}'), { target: { value: 'an owl' } });
    await vi.waitFor(() => expect(api.requests.filter((r) => r.path === '/workflows/w1/cost').at(-1)?.body).toEqual({ inputs: { prompt: 'an owl' } }));
    expect(api.requests.some((r) => r.path === '/workflows/w1/runs')).toBe(false);
  });
});
