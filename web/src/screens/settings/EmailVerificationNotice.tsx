import { recoveryApi } from '../../api/accounts';
import { useUser } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { useAction } from './use-action';

/** While the address is not confirmed: says so, and sends the link again on request. */
export function EmailVerificationNotice() {
  const t = useT();
  const user = useUser();
  const action = useAction();
  if (user.emailVerified) return null;
  return (
    <div className="alert info settings-verify" role="region" aria-label={t('settings.verifyLabel')}>
      <p>{t('settings.verifyPending', { email: user.email })}</p>
      <button type="button" className="button" disabled={action.busy || action.done} onClick={() => void action.run(() => recoveryApi.resendVerification())}>
        {t('settings.verifyResend')}
      </button>
      <span aria-live="polite">
        {action.done && ` ${t('settings.verifySent')}`}
        {action.error !== null && ` ${errorText(t, action.error)}`}
      </span>
    </div>
  );
}
