import { useId, useState, type FormEvent } from 'react';
import { accountApi } from '../../api/account';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { errorField, useAction } from './use-action';

const MIN_PASSWORD = 10;

/** Changing the password signs out every other session. */
export function PasswordSection({ onChanged }: { onChanged(): void }) {
  const t = useT();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [revoked, setRevoked] = useState<number | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction();
  const field = errorField(action.error, ['currentPassword', 'newPassword'] as const);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < MIN_PASSWORD) return setLocalError(t('settings.passwordShort', { n: MIN_PASSWORD }));
    if (next !== confirm) return setLocalError(t('settings.passwordMismatch'));
    setLocalError(null);
    void action.run(async () => {
      const result = await accountApi.changePassword({ currentPassword: current, newPassword: next });
      setRevoked(result.revokedSessions);
      setCurrent('');
      setNext('');
      setConfirm('');
      onChanged();
    });
  };

  const message = localError ?? (action.error !== null ? (field ? (action.error as Error).message || errorText(t, action.error) : errorText(t, action.error)) : null);
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.password')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-current`}>{t('settings.currentPassword')}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} aria-invalid={field === 'currentPassword' || undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('settings.newPassword')}</label>
          <input id={`${id}-new`} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} aria-describedby={`${id}-hint`} aria-invalid={field === 'newPassword' || undefined} />
          <span className="field-hint" id={`${id}-hint`}>{t('settings.passwordHint', { n: MIN_PASSWORD })}</span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>{t('settings.confirmPassword')}</label>
          <input id={`${id}-confirm`} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </div>
        <div aria-live="polite">
          {message && <p className="alert error" role="alert">{message}</p>}
          {action.done && revoked !== null && <p className="alert success">{t('settings.passwordChanged', { n: revoked })}</p>}
        </div>
        <button type="submit" className="button primary" disabled={action.busy || !current || !next}>
          {t('settings.changePassword')}
        </button>
      </form>
    </section>
  );
}
