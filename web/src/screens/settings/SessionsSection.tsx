import { useCallback, useEffect, useId, useState } from 'react';
import { accountApi, type ActiveSession } from '../../api/account';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { deviceName } from './device-name';
import { formatDate, useAction } from './use-action';

/** Where the account is signed in, with a revoke button for every session but this one. */
export function SessionsSection({ reloadKey }: { reloadKey: number }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [sessions, setSessions] = useState<ActiveSession[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    accountApi.sessions().then((r) => setSessions(r.items), setLoadError);
  }, []);
  useEffect(load, [load, reloadKey]);

  const revoke = (sessionId: string) =>
    void action.run(async () => {
      await accountApi.revokeSession(sessionId);
      setSessions((list) => list?.filter((s) => s.id !== sessionId) ?? null);
    });

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.sessions')}</h2>
      {loadError !== null && (
        <p className="alert error" role="alert">
          {errorText(t, loadError)} <button type="button" className="link-button" onClick={load}>{t('common.retry')}</button>
        </p>
      )}
      {sessions === null && loadError === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {sessions && (
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id} className="session-item">
              <div>
                <strong>{deviceName(t, s.device)}</strong>
                {s.current && <span className="badge">{t('settings.thisDevice')}</span>}
                <p className="muted">
                  {t('settings.sessionLine', { ip: s.ip ?? '—', seen: formatDate(s.lastSeenAt, locale), created: formatDate(s.createdAt, locale) })}
                </p>
              </div>
              {!s.current && (
                <button type="button" className="button danger" disabled={action.busy} onClick={() => revoke(s.id)} aria-label={t('settings.revokeNamed', { device: deviceName(t, s.device) })}>
                  {t('settings.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {action.error !== null && <p className="alert error" role="alert">{errorText(t, action.error)}</p>}
    </section>
  );
}
