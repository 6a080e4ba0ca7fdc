import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { BillingSummary } from '../../api/billing';
import { cleanUpApiAfterEach, renderWithApi } from './fake-api.test-support';
import { BillingSection } from './BillingSection';
import { payments } from './BuyButtons';

cleanUpApiAfterEach();
afterEach(() => vi.restoreAllMocks());

const FREE = {
  id: 'free', name: 'Free', monthlyCredits: 50, creditsPerImage: { default: 1 }, engineCreditsPerImage: {}, maxSetSize: 4,
  maxConcurrentJobs: 2, storageQuotaMiB: 0, engines: ['builtin'], allowOwnKeys: false,
};
const summary = (over: Partial<BillingSummary> = {}): BillingSummary => ({
  plan: FREE, unlimited: false, balance: 20, usage: { creditsThisCycle: 30, storageBytes: 0, storageQuotaBytes: null },
  cycleStartedAt: '2026-12-01T00:00:00Z', renewsAt: '2027-01-01T00:00:00Z', subscription: null, payments: true,
  plans: [{ id: 'free', name: 'Free', monthlyCredits: 50, purchasable: false }, { id: 'pro', name: 'Pro', monthlyCredits: 1000, purchasable: true }],
  creditPacks: [{ id: 'pack-500', credits: 500, purchasable: true }, { id: 'pack-old', credits: 100, purchasable: false }],
  ...over,
});

function show(s: BillingSummary) {
  const open = vi.spyOn(payments, 'open').mockImplementation(() => undefined);
  const api = renderWithApi(<BillingSection />, ({ method, path, body }, json) => {
    if (method === 'GET' && path === '/me/billing') return json(200, s);
    if (method === 'POST' && path === '/billing/checkout') return json(200, { url: `https://checkout.stripe.test/${body.plan ?? body.creditPack}` });
    if (method === 'POST' && path === '/billing/portal') return json(200, { url: 'https://billing.stripe.test/portal' });
    return undefined;
  });
  return { api, open };
}

describe('Settings → Plan and credits: buying', () => {
  it('offers the plans and packs that have a price, and goes to Stripe Checkout for the one chosen', async () => {
    const { api, open } = show(summary());
    fireEvent.click(await screen.findByRole('button', { name: 'Choose Pro' }));
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('https://checkout.stripe.test/pro'));
    expect(api.requests.find((r) => r.method === 'POST')).toEqual({ method: 'POST', path: '/billing/checkout', body: { plan: 'pro' } });
    expect(screen.getByText('Your plan')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Choose Free' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Buy 100 credits' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Buy 500 credits' }));
    await vi.waitFor(() => expect(open).toHaveBeenLastCalledWith('https://checkout.stripe.test/pack-500'));
    expect(screen.queryByRole('button', { name: 'Manage subscription' })).toBeNull();
  });

  it('opens the Customer Portal for a subscriber', async () => {
    const { open } = show(summary({ plan: { ...FREE, id: 'pro', name: 'Pro' }, subscription: { status: 'active' } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Manage subscription' }));
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('https://billing.stripe.test/portal'));
  });

  it('shows no buy button when this server takes no payments', async () => {
    show(summary({ payments: false }));
    expect(await screen.findByText('Plan and credits')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
