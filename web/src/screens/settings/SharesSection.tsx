import { useCallback, useEffect, useId, useState } from 'react';
import { assetUrls } from '../../api/generations';
import { sharesApi, type Share } from '../../api/shares';
import '../../components/share/share.css';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { formatDate, useAction } from './use-action';

/**
 * The person's share links: what each shows (its image, the album's name or the set's prompt), its views and state
 * (and why one shows nothing any more), with a revoke button for those not revoked or expired.
 */
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
            const working = s.status === 'active' || s.status === 'unavailable';
            return (
              <li key={s.id} className="share-item">
                <div className="share-item-main">
                  {s.preview.assetId
                    ? <img className="share-thumb" src={assetUrls(s.preview.assetId).thumbnail} alt="" width={48} height={48} loading="lazy" />
                    : <span className="share-thumb" aria-hidden="true" />}
                  <div>
                    <strong>{what}</strong>{s.preview.text && <> <span className="share-text">{s.preview.text}</span></>}
                    {' '}<span className={`badge share-${s.status}`}>{t(`share.status.${s.status}`)}</span>
                    {s.hasPassword && <span className="badge">{t('share.withPassword')}</span>}
                    <p className="muted">
                      {working ? `${t('share.images', { n: s.preview.images })} · ` : ''}
                      {t('share.views', { n: s.viewCount })} · {t('share.created', { date: created })}
                      {s.expiresAt && working ? ` · ${t('share.expires', { date: formatDate(s.expiresAt, locale) })}` : ''}
                    </p>
                    {s.unavailableReason && <p className="muted">{t(`share.unavailable.${s.unavailableReason}`)}</p>}
                  </div>
                </div>
                {working && (
                  <button type="button" className="button danger" disabled={action.busy} onClick={() => revoke(s)}
                    aria-label={t('share.revokeNamed', { what: s.preview.text ? `${what} ${s.preview.text}` : what, date: created })}>
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
