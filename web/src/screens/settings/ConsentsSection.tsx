import { useCallback, useEffect, useId, useState } from 'react';
import { privacyApi, type ConsentPurpose, type Consents } from '../../api/privacy';
import { acceptAnalytics, declineAnalytics } from '../../app/cookie-consent';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDate, isMissingEndpoint, useAction } from './use-action';

const PURPOSES: { id: ConsentPurpose; label: MessageKey; hint: MessageKey }[] = [
  { id: 'training', label: 'privacy.training', hint: 'privacy.trainingHint' },
  { id: 'product_emails', label: 'privacy.productEmails', hint: 'privacy.productEmailsHint' },
  { id: 'analytics', label: 'privacy.analytics', hint: 'privacy.analyticsHint' },
];

/** The person's choices, each off until they turn it on; training is hidden where the server does not offer it. */
export function ConsentsSection() {
  const { t, locale } = useI18n();
  const id = useId();
  const [data, setData] = useState<Consents | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    privacyApi.consents().then(setData, setLoadError);
  }, []);
  useEffect(load, [load]);

  // The box follows the click at once and goes back if the server refuses the change.
  const change = (purpose: ConsentPurpose, granted: boolean) => {
    if (action.busy) return;
    const before = data;
    setData((d) => d && { ...d, consents: { ...d.consents, [purpose]: { ...d.consents[purpose], granted } } });
    void action.run(async () => {
      try {
        setData(await privacyApi.setConsents({ [purpose]: granted }));
      } catch (err) {
        setData(before);
        throw err;
      }
      // The analytics consent is also the cookie choice of this browser.
      if (purpose === 'analytics') (granted ? acceptAnalytics : declineAnalytics)();
    });
  };

  const purposes = PURPOSES.filter((p) => p.id !== 'training' || data?.trainingOffered);
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('privacy.consents')}</h2>
      {loadError !== null &&
        (isMissingEndpoint(loadError) ? (
          <p className="alert info">{t('privacy.notAvailable')}</p>
        ) : (
          <p className="alert error" role="alert">
            {errorText(t, loadError)} <button type="button" className="link-button" onClick={load}>{t('common.retry')}</button>
          </p>
        ))}
      {data === null && loadError === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <ul className="consent-list">
            {purposes.map((p) => {
              const state = data.consents[p.id];
              return (
                <li key={p.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={state?.granted ?? false} disabled={action.busy} onChange={(e) => change(p.id, e.target.checked)} aria-describedby={`${id}-${p.id}-hint`} />
                    {t(p.label)}
                  </label>
                  <p className="field-hint" id={`${id}-${p.id}-hint`}>
                    {t(p.hint)}
                    {state?.updatedAt && ` ${t('privacy.changedAt', { date: formatDate(state.updatedAt, locale) })}`}
                  </p>
                </li>
              );
            })}
          </ul>
          {data.history.length > 0 && (
            <details className="consent-history">
              <summary>{t('privacy.history')}</summary>
              <ul>
                {data.history.map((h, i) => (
                  <li key={i}>
                    {formatDate(h.at, locale)} — {t(PURPOSES.find((p) => p.id === h.purpose)?.label ?? 'privacy.analytics')}:{' '}
                    {t(h.granted ? 'privacy.granted' : 'privacy.withdrawn')}
                    {h.policyVersion && ` (${t('privacy.policyVersion', { version: h.policyVersion })})`}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <div aria-live="polite">{action.error !== null && <p className="alert error" role="alert">{errorText(t, action.error)}</p>}</div>
    </section>
  );
}
