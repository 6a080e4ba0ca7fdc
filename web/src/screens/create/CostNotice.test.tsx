import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { BillingSummary } from '../../api/billing';
import { I18nProvider } from '../../i18n/i18n';
import { CostNotice } from './CostNotice';

afterEach(cleanup);

const plan = {
  id: 'free', name: 'Free', monthlyCredits: 50, creditsPerImage: { default: 1, '4K': 4 }, engineCreditsPerImage: { seedream: { default: 3 } },
  maxSetSize: 4, maxConcurrentJobs: 2, storageQuotaMiB: 0, engines: ['builtin', 'seedream'], allowOwnKeys: false,
};
const summary = (balance: number): BillingSummary => ({
  plan, unlimited: false, balance, usage: { creditsThisCycle: 0, storageBytes: 0, storageQuotaBytes: null },
  cycleStartedAt: null, renewsAt: null, subscription: null, payments: false, plans: [], creditPacks: [],
});

describe('the cost of a request', () => {
  it('is shown before sending, by size and engine, in the interface language', () => {
    render(
      <I18nProvider locale="en">
        <CostNotice billing={summary(20)} requests={[{ engine: 'builtin', width: 4096, height: 4096, count: 3 }]} id="c" />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Costs 12 credits (you have 20).');
    cleanup();
    render(
      <I18nProvider locale="zh">
        <CostNotice billing={summary(5)} requests={[{ engine: 'seedream', width: 2048, height: 2048, count: 2 }]} id="c" />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('需要 6 点（你有 5 点）。 点数不足：请减少图片数量或缩小尺寸。');
  });

  it('adds up every generation a request queues (a batch file\'s rows, a workflow\'s steps)', () => {
    render(
      <I18nProvider locale="en">
        <CostNotice billing={summary(10)} id="c" requests={[
          { engine: 'builtin', width: 1024, height: 1024, count: 2 },
          { engine: 'builtin', width: 4096, height: 4096, count: 1 },
          { engine: 'seedream', width: 512, height: 512, count: 2 },
        ]} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Costs 12 credits (you have 10). Not enough credits: ask for fewer or smaller images.');
  });

  it('is not shown on a server without plans', () => {
    const { container } = render(
      <I18nProvider locale="en">
        <CostNotice billing={{ ...summary(0), plan: null, unlimited: true, balance: null }} requests={[{ engine: 'builtin', width: 64, height: 64, count: 1 }]} id="c" />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
