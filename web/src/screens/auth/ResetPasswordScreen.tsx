import { useId, useState, type FormEvent } from 'react';
import { recoveryApi } from '../../api/accounts';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { AuthCard, linkToken } from './AuthCard';

const MIN_PASSWORD = 10;

/** /reset?token=…: choose a new password; every sign-in of the account ends. */
export default function ResetPasswordScreen() {
  const t = useT();
  const id = useId();
  const [token] = useState(linkToken);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (password.length < MIN_PASSWORD) return setError(t('auth.passwordShort', { n: MIN_PASSWORD }));
    if (password !== repeat) return setError(t('settings.passwordMismatch'));
    setBusy(true);
    setError(null);
    try {
      await recoveryApi.confirmReset(token, password);
      setDone(true);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return <AuthCard title="auth.resetTitle"><p className="alert success" role="status">{t('auth.resetDone')}</p></AuthCard>;
  }
  return (
    <AuthCard title="auth.resetTitle" intro="auth.resetIntro">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('settings.newPassword')}</label>
          <input id={`${id}-new`} type="password" autoComplete="new-password" value={password} maxLength={1024} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-hint`} />
          <span className="field-hint" id={`${id}-hint`}>{t('auth.passwordHint', { n: MIN_PASSWORD })}</span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-repeat`}>{t('settings.confirmPassword')}</label>
          <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} maxLength={1024} onChange={(e) => setRepeat(e.target.value)} />
        </div>
        <div aria-live="polite">{error && <p className="alert error" role="alert">{error}</p>}</div>
        <button type="submit" className="button primary auth-submit" disabled={busy || !token || !password}>
          {busy ? t('auth.working') : t('auth.resetButton')}
        </button>
      </form>
    </AuthCard>
  );
}
