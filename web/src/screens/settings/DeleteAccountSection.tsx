import { useId, useState, type FormEvent } from 'react';
import { privacyApi } from '../../api/privacy';
import { useSession } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { errorField, formatDate, isMissingEndpoint, useAction } from './use-action';

/** Deleting the account: what happens, then a password confirmation. Afterwards the person is signed out. */
export function DeleteAccountSection() {
  const { t, locale } = useI18n();
  const id = useId();
  const { setUser } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [purgeAt, setPurgeAt] = useState<string | null>(null);
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const result = await privacyApi.deleteAccount(password);
      setPassword('');
      setPurgeAt(result.purgeAt);
    });
  };

  if (purgeAt) {
    return (
      <section className="card settings-section danger-zone" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('privacy.deleteDoneTitle')}</h2>
        <p role="status">{t('privacy.deleteDone', { date: formatDate(purgeAt, locale) })}</p>
        <button type="button" className="button" onClick={() => setUser(null)}>{t('privacy.deleteLeave')}</button>
      </section>
    );
  }

  const wrongPassword = errorField(action.error, ['password'] as const) === 'password' || (action.error as { code?: string } | null)?.code === 'INVALID_CREDENTIALS';
  return (
    <section className="card settings-section danger-zone" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('privacy.delete')}</h2>
      <ul className="delete-facts">
        <li>{t('privacy.deleteFactSignout')}</li>
        <li>{t('privacy.deleteFactGrace')}</li>
        <li>{t('privacy.deleteFactPurge')}</li>
        <li>{t('privacy.deleteFactExport')}</li>
      </ul>
      {!confirming ? (
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>{t('privacy.deleteStart')}</button>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('privacy.deletePassword')}</label>
            <input
              id={`${id}-password`} type="password" autoComplete="current-password" value={password} autoFocus
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={wrongPassword || undefined} aria-describedby={action.error !== null ? `${id}-error` : undefined}
            />
          </div>
          <div aria-live="polite">
            {action.error !== null && (
              <p className="alert error" role="alert" id={`${id}-error`}>
                {isMissingEndpoint(action.error) ? t('privacy.notAvailable') : wrongPassword ? t('privacy.deleteWrongPassword') : errorText(t, action.error)}
              </p>
            )}
          </div>
          <div className="row">
            <button type="button" className="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            <button type="submit" className="button danger" disabled={action.busy || !password}>{t('privacy.deleteConfirm')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
