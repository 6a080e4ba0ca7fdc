import { useT } from '../i18n/i18n';
import { flash, useFlash } from './flash';
import './notices.css';

/** Shows the one-off message left by the sign-in screen until the person closes it. */
export function FlashNotice() {
  const t = useT();
  const key = useFlash();
  if (!key) return null;
  return (
    <div className="alert success flash-notice" role="status">
      <span>{t(key)}</span>
      <button type="button" className="button ghost icon-button" onClick={flash.dismiss} aria-label={t('common.close')}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
