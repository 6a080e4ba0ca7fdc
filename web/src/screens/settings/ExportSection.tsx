import { useCallback, useEffect, useId, useState } from 'react';
import { ApiError } from '../../api/client';
import { privacyApi, type DataExport } from '../../api/privacy';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { formatBytes, formatDate, isMissingEndpoint, useAction } from './use-action';

const POLL_MS = 2000;
const inProgress = (e: DataExport) => e.status === 'queued' || e.status === 'running';

/** "Download my data": request a zip, watch it being built, download it while it lasts (7 days). */
export function ExportSection() {
  const { t, locale } = useI18n();
  const id = useId();
  const [items, setItems] = useState<DataExport[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();

  const load = useCallback(() => {
    setLoadError(null);
    privacyApi.exports().then((r) => setItems(r.items), setLoadError);
  }, []);
  useEffect(load, [load]);

  // While an export is being built, ask for its status every few seconds.
  const pending = items?.find(inProgress);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      privacyApi.exportStatus(pending.id).then(
        (fresh) => setItems((list) => list?.map((e) => (e.id === fresh.id ? fresh : e)) ?? [fresh]),
        () => setTimeout(load, POLL_MS),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, load]);

  const request = () =>
    void action.run(async () => {
      const created = await privacyApi.requestExport();
      setItems((list) => [created, ...(list ?? []).filter((e) => e.id !== created.id)]);
    });

  const rateLimited = action.error instanceof ApiError && action.error.code === 'EXPORT_RATE_LIMITED';
  const retryHours = rateLimited ? Math.ceil(((action.error as ApiError).retryAfterSeconds ?? 0) / 3600) : 0;

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('privacy.export')}</h2>
      <p>{t('privacy.exportIntro')}</p>
      {loadError !== null && isMissingEndpoint(loadError) ? (
        <p className="alert info">{t('privacy.notAvailable')}</p>
      ) : (
        <>
          {loadError !== null && <p className="alert error" role="alert">{errorText(t, loadError)}</p>}
          <button type="button" className="button primary" onClick={request} disabled={action.busy || !!pending}>
            {t('privacy.exportRequest')}
          </button>
          <div aria-live="polite">
            {action.error !== null && (
              <p className="alert error" role="alert">
                {rateLimited ? t('privacy.exportRateLimited', { hours: Math.max(1, retryHours) }) : errorText(t, action.error)}
              </p>
            )}
          </div>
          {items === null && loadError === null && <p className="loading" role="status">{t('common.loading')}</p>}
          {items && items.length > 0 && (
            <ul className="export-list">
              {items.map((e) => (
                <li key={e.id} className="export-item">
                  <div>
                    <strong>{t(`privacy.exportStatus.${e.status}`)}</strong>
                    <p className="muted">
                      {t('privacy.exportRequested', { date: formatDate(e.createdAt, locale) })}
                      {e.bytes !== null && ` · ${formatBytes(e.bytes)}`}
                      {e.status === 'ready' && e.expiresAt && ` · ${t('privacy.exportExpires', { date: formatDate(e.expiresAt, locale) })}`}
                    </p>
                  </div>
                  {e.status === 'ready' && (
                    <a className="button" href={privacyApi.exportDownloadUrl(e.id)} download>
                      {t('privacy.exportDownload')}
                    </a>
                  )}
                  {inProgress(e) && <span className="spinner" role="status" aria-label={t('privacy.exportBuilding')} />}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
