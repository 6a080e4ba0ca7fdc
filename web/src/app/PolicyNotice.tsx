import { useEffect, useRef, useState } from 'react';
import { privacyApi } from '../api/privacy';
import { errorText } from '../i18n/error-text';
import { privacyHref, useI18n } from '../i18n/i18n';
import { useSession } from './session';
import '../components/dialogs.css';
import './notices.css';

/**
 * A material change of the privacy policy that the person has not acknowledged yet: a modal that closes only by
 * acknowledging (Escape does nothing), with a link to the policy.
 */
export function PolicyNotice() {
  const { t, locale } = useI18n();
  const { user, setUser } = useSession();
  const notice = user?.policyNotice ?? null;
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !notice) return;
    if (typeof dialog.showModal === 'function' && !dialog.open) dialog.showModal();
    else dialog.setAttribute('open', '');
    const onCancel = (event: Event) => event.preventDefault();
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
    };
  }, [notice]);

  if (!user || !notice) return null;

  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      await privacyApi.acknowledgePolicy(notice.version);
      setUser({ ...user, policyNotice: null });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog policy-notice" aria-labelledby="policy-notice-title" aria-describedby="policy-notice-summary">
      <div className="dialog-body">
        <h2 id="policy-notice-title">{t('policy.title')}</h2>
        <p className="muted">{t('policy.versionLine', { version: notice.version, date: notice.effectiveDate })}</p>
        <p id="policy-notice-summary" className="policy-summary">{notice.summary}</p>
        <p>
          <a href={privacyHref(locale)} target="_blank" rel="noopener">{t('policy.read')}</a>
        </p>
        {error !== null && <p className="alert error" role="alert">{errorText(t, error)}</p>}
        <button type="button" className="button primary" onClick={() => void acknowledge()} disabled={busy}>
          {busy ? t('policy.working') : t('policy.acknowledge')}
        </button>
      </div>
    </dialog>
  );
}
