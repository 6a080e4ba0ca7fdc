import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../../api/client';
import { sessionApi } from '../../api/session';
import { carryBannerConsent } from '../../app/carry-consent';
import { useSession } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { AuthCard, linkToken } from './AuthCard';

/**
 * /signup/confirm?token=…: the link a sign-up emailed. The password chosen at sign-up finishes it, so a link sent by
 * someone else's sign-up with this address is of no use to them; the account is made and signed in.
 */
export default function ConfirmSignupScreen() {
  const t = useT();
  const id = useId();
  const { setUser } = useSession();
  const [, navigate] = useLocation();
  const [token] = useState(linkToken);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    setError(null);
    try {
      const result = await sessionApi.confirmSignup(token, password);
      navigate('/');
      setUser(result.user);
      // The banner's choice made before the account existed is recorded on it, as at any other sign-in.
      void carryBannerConsent().catch(() => undefined);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'INVALID_CREDENTIALS' ? t('auth.confirmSignupWrong') : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="auth.confirmSignupTitle" intro="auth.confirmSignupIntro">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
          <input
            id={`${id}-password`} type="password" autoComplete="current-password" value={password} maxLength={1024} autoFocus
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div aria-live="polite">{error && <p className="alert error" role="alert" id={`${id}-error`}>{error}</p>}</div>
        <button type="submit" className="button primary auth-submit" disabled={busy || !token || !password}>
          {busy ? t('auth.working') : t('auth.confirmSignupButton')}
        </button>
      </form>
    </AuthCard>
  );
}
