import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { builtinCaps } from '../create/test-engines';
import EditScreen from './EditScreen';

const plan = {
  id: 'free', name: 'Free', monthlyCredits: 50, creditsPerImage: { default: 1, '2K': 2 }, engineCreditsPerImage: { builtin: { default: 1, '2K': 3 } },
  maxSetSize: 4, maxConcurrentJobs: 2, storageQuotaMiB: 0, engines: ['builtin'], allowOwnKeys: false,
};
const billing = (withPlan: boolean) => ({
  plan: withPlan ? plan : null, unlimited: !withPlan, balance: withPlan ? 10 : null, usage: { creditsThisCycle: 0, storageBytes: 0, storageQuotaBytes: null },
  cycleStartedAt: null, renewsAt: null, subscription: null, payments: false, plans: [], creditPacks: [],
});
const asset = {
  id: 'a1', kind: 'upload', mime: 'image/png', width: 2000, height: 1500, bytes: 10, sha256: 'x', favorite: false, neverUseForTraining: false, tags: [],
  parentId: null, generationId: null, outputIndex: null, prompt: null, createdAt: '2026-01-01T00:00:00Z', deletedAt: null,
  urls: { content: '/api/v1/assets/a1/content', thumbnail: '/api/v1/assets/a1/thumbnail' },
};

function fakeApi(withPlan: boolean) {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  return vi.fn(async (url: string) => {
    const path = String(url).replace('/api/v1', '').replace(/\?.*$/, '');
    if (path === '/engines') return json(200, { items: [builtinCaps], default: 'builtin' });
    if (path === '/assets/a1') return json(200, asset);
    if (path === '/me/billing') return json(200, billing(withPlan));
    return json(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the Edit screen', () => {
  it('with plans, shows what an edit, an AI tool or an upscale costs before it is sent: one image of the source\'s size', async () => {
    vi.stubGlobal('fetch', fakeApi(true));
    render(<I18nProvider locale="en"><EditScreen params={{ assetId: 'a1' }} /></I18nProvider>);
    // 2000×1500 is a 2K image; the built-in engine's 2K price is 3 credits.
    const notices = await screen.findAllByText('Costs 3 credits (you have 10).');
    expect(notices).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Apply instruction' }).getAttribute('aria-describedby')).toBe(notices[0]!.id);
  });

  it('shows no cost on a server without plans', async () => {
    const fetch = fakeApi(false);
    vi.stubGlobal('fetch', fetch);
    render(<I18nProvider locale="zh"><EditScreen params={{ assetId: 'a1' }} /></I18nProvider>);
    await vi.waitFor(() => expect(fetch.mock.results.filter((r) => r.type === 'return')).toHaveLength(3));
    await act(async () => {
      await Promise.all(fetch.mock.results.map((r) => r.value));
    });
    expect(screen.getByRole('button', { name: '应用指令' })).toBeTruthy();
    expect(screen.queryByText(/点（你有/)).toBeNull();
  });
});
