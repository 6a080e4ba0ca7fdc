import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { recoveryApi } from '../../api/accounts';
import type { SessionResponse } from '../../api/types';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';

/** The second step of a login with two-step sign-in on: a code from the authenticator app, or a recovery code. */
export function MfaStep({ onSignedIn, onRestart }: { onSignedIn(result: SessionResponse): void; onRestart(): void }) {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await recoveryApi.loginMfa(code.trim()));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'INVALID_CODE' ? t('auth.mfaWrong') : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-screen">
      <section className="auth-card card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('auth.mfaTitle')}</h1>
        <p className="muted">{t('auth.mfaIntro')}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('auth.mfaCode')}</label>
            <input
              id={`${id}-code`} className="auth-code" autoComplete="one-time-code" inputMode="text" value={code} maxLength={40} autoFocus
              aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <div aria-live="polite">{error && <p className="alert error" role="alert" id={`${id}-error`}>{error}</p>}</div>
          <button type="submit" className="button primary auth-submit" disabled={busy || !code.trim()}>
            {busy ? t('auth.working') : t('auth.mfaButton')}
          </button>
        </form>
        <p className="auth-switch">
          <button type="button" className="button ghost" onClick={onRestart}>{t('auth.mfaRestart')}</button>
        </p>
      </section>
    </div>
  );
}
