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
  return (
    <div className="billing-buy">
      {plans.length > 0 && (
        <>
          <h3>{t('billing.plans')}</h3>
          <ul className="billing-offers">
            {plans.map((p) => (
              <li key={p.id}>
                <span><strong>{p.name}</strong> · {t('billing.perMonth', { n: p.monthlyCredits })}</span>
                {p.id === current ? (
                  <span className="muted">{t('billing.currentPlan')}</span>
                ) : (
                  <button type="button" className="button primary" disabled={action.busy} onClick={() => go(() => billingApi.checkout({ plan: p.id }))}>
                    {t('billing.upgrade', { name: p.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {packs.length > 0 && (
        <>
          <h3>{t('billing.packs')}</h3>
          <ul className="billing-offers">
            {packs.map((p) => (
              <li key={p.id}>
                <span>{t('billing.credits', { n: p.credits })}</span>
                <button type="button" className="button ghost" disabled={action.busy} onClick={() => go(() => billingApi.checkout({ creditPack: p.id }))}>
                  {t('billing.buyPack', { n: p.credits })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
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
