import type { ReactNode } from 'react';
import { billingApi, type BillingSummary } from '../../api/billing';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { useAction } from './use-action';

/** Leaves the studio for Stripe's page (Checkout or the Customer Portal); a seam the tests replace. */
export const payments = { open: (url: string) => window.location.assign(url) };

/**
 * Plans and credit packs with their Buy / Upgrade buttons, and "Manage subscription": only where this server takes
 * payments (Stripe configured) and only for what has a price.
 */
export function BuyButtons({ summary }: { summary: BillingSummary }) {
  const t = useT();
  const action = useAction();
  if (!summary.payments) return null;
  const go = (ask: () => Promise<{ url: string }>) => void action.run(async () => payments.open((await ask()).url));
  const current = summary.plan?.id;
  const plans = summary.plans.filter((p) => p.purchasable || p.id === current);
  const packs = summary.creditPacks.filter((p) => p.purchasable);
  const planOffers = plans.map((p) => ({
    id: p.id,
    label: <><strong>{p.name}</strong> · {t('billing.perMonth', { n: p.monthlyCredits })}</>,
    current: p.id === current,
    button: t('billing.upgrade', { name: p.name }),
    buy: () => go(() => billingApi.checkout({ plan: p.id })),
  }));
  const packOffers = packs.map((p) => ({
    id: p.id, label: <>{t('billing.credits', { n: p.credits })}</>, current: false, button: t('billing.buyPack', { n: p.credits }),
    buy: () => go(() => billingApi.checkout({ creditPack: p.id })),
  }));
  return (
    <div className="billing-buy">
      <Offers title={t('billing.plans')} offers={planOffers} busy={action.busy} currentText={t('billing.currentPlan')} />
      <Offers title={t('billing.packs')} offers={packOffers} busy={action.busy} currentText={t('billing.currentPlan')} />
      {summary.subscription !== null && (
        <button type="button" className="button ghost" disabled={action.busy} onClick={() => go(billingApi.portal)}>{t('billing.manage')}</button>
      )}
      <span aria-live="polite">
        {action.busy && <span className="muted">{t('billing.redirecting')}</span>}
        {action.error !== null && <span className="field-error" role="alert">{errorText(t, action.error)}</span>}
      </span>
    </div>
  );
}

interface Offer {
  id: string;
  label: ReactNode;
  current: boolean;
  button: string;
  buy(): void;
}

function Offers({ title, offers, busy, currentText }: { title: string; offers: Offer[]; busy: boolean; currentText: string }) {
  if (offers.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="billing-offers">
        {offers.map((o) => (
          <li key={o.id}>
            <span>{o.label}</span>
            {o.current ? <span className="muted">{currentText}</span> : <button type="button" className="button primary" disabled={busy} onClick={o.buy}>{o.button}</button>}
          </li>
        ))}
      </ul>
    </>
  );
}
