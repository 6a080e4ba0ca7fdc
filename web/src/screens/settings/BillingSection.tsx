import { useEffect, useId, useState } from 'react';
import { billingApi, type BillingSummary } from '../../api/billing';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { BuyButtons } from './BuyButtons';
import { formatBytes, formatDate, isMissingEndpoint } from './use-action';

/** Plan, credit balance and usage of this cycle, and what can be bought; nothing to show on a server without plans. */
export function BillingSection() {
  const { t, locale } = useI18n();
  const id = useId();
  const [summary, setSummary] = useState<BillingSummary | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    billingApi.summary(controller.signal).then(setSummary, (err) => !controller.signal.aborted && setError(err));
    return () => controller.abort();
  }, []);

  if (isMissingEndpoint(error) || summary?.unlimited) return null;
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('billing.title')}</h2>
      {error !== null && <p className="alert error" role="alert">{errorText(t, error)}</p>}
      {summary?.plan && (
        <dl className="billing-facts">
          <dt>{t('billing.plan')}</dt>
          <dd>{summary.plan.name}</dd>
          <dt>{t('billing.balance')}</dt>
          <dd>{t('billing.credits', { n: summary.balance ?? 0 })}</dd>
          <dt>{t('billing.usedThisCycle')}</dt>
          <dd>{t('billing.credits', { n: summary.usage.creditsThisCycle })}</dd>
          <dt>{t('billing.storage')}</dt>
          <dd>
            {summary.usage.storageQuotaBytes === null
              ? formatBytes(summary.usage.storageBytes)
              : t('billing.storageOf', { used: formatBytes(summary.usage.storageBytes), quota: formatBytes(summary.usage.storageQuotaBytes) })}
          </dd>
          <dt>{t('billing.renews')}</dt>
          <dd>{t('billing.renewsWith', { date: formatDate(summary.renewsAt, locale), n: summary.plan.monthlyCredits })}</dd>
        </dl>
      )}
      {summary && <BuyButtons summary={summary} />}
    </section>
  );
}
