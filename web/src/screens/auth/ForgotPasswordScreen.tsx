import { useId, useState, type FormEvent } from 'react';
import { recoveryApi } from '../../api/accounts';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { AuthCard } from './AuthCard';

/** "Forgot password?": asks for the address; the answer is the same whether or not it has an account. */
export default function ForgotPasswordScreen() {
  const t = useT();
  const id = useId();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !email.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await recoveryApi.requestReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="auth.forgotTitle" intro="auth.forgotIntro">
      {sent ? (
        <p className="alert success" role="status">{t('auth.forgotSent')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
            <input id={`${id}-email`} type="email" autoComplete="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div aria-live="polite">{error && <p className="alert error" role="alert">{error}</p>}</div>
          <button type="submit" className="button primary auth-submit" disabled={busy || !email.trim()}>
            {busy ? t('auth.working') : t('auth.forgotButton')}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
