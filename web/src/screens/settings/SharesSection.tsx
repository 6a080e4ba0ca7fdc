import { useCallback, useEffect, useId, useState } from 'react';
import { sharesApi, type Share } from '../../api/shares';
import '../../components/share/share.css';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { formatDate, useAction } from './use-action';

/** The person's share links: what each shows, its views and state, with a revoke button for the active ones. */
export function SharesSection() {
  const { t, locale } = useI18n();
  const id = useId();
  const [items, setItems] = useState<Share[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [revokedNow, setRevokedNow] = useState(false);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    sharesApi.list().then((r) => setItems(r.items), setLoadError);
  }, []);
  useEffect(load, [load]);

  const revoke = (share: Share) =>
    void action.run(async () => {
      await sharesApi.revoke(share.id);
      setItems((list) => list?.map((s) => (s.id === share.id ? { ...s, status: 'revoked', revokedAt: new Date().toISOString() } : s)) ?? null);
      setRevokedNow(true);
    });

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} id="shares">
      <h2 id={`${id}-title`}>{t('share.sharesTitle')}</h2>
      {loadError !== null && (
        <p className="alert error" role="alert">
          {errorText(t, loadError)} <button type="button" className="link-button" onClick={load}>{t('common.retry')}</button>
        </p>
      )}
      {items === null && loadError === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted">{t('share.sharesEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="share-list">
          {items.map((s) => {
            const what = t(`share.kind.${s.target.kind}`);
            const created = formatDate(s.createdAt, locale);
            return (
              <li key={s.id} className="share-item">
                <div>
                  <strong>{what}</strong> <span className={`badge share-${s.status}`}>{t(`share.status.${s.status}`)}</span>
                  {s.hasPassword && <span className="badge">{t('share.withPassword')}</span>}
                  <p className="muted">
                    {t('share.views', { n: s.viewCount })} · {t('share.created', { date: created })}
                    {s.expiresAt && s.status === 'active' ? ` · ${t('share.expires', { date: formatDate(s.expiresAt, locale) })}` : ''}
                  </p>
                </div>
                {s.status === 'active' && (
                  <button type="button" className="button danger" disabled={action.busy} onClick={() => revoke(s)}
                    aria-label={t('share.revokeNamed', { what, date: created })}>
                    {t('share.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={revokedNow ? 'muted' : 'visually-hidden'}>{revokedNow ? t('share.revoked') : ''}</p>
      {action.error !== null && <p className="alert error" role="alert">{errorText(t, action.error)}</p>}
    </section>
  );
}
