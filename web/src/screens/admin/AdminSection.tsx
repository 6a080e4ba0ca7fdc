import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** One admin panel: loads its data, and says so plainly when the endpoint does not exist on this server yet. */
export function AdminSection<T>({ title, load, children }: { title: MessageKey; load: () => Promise<T>; children: (data: T) => ReactNode }) {
  const t = useT();
  const id = useId();
  const [data, setData] = useState<{ value: T } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const fetchData = useCallback(() => {
    setError(null);
    load().then((value) => setData({ value }), setError);
  }, [load]);
  useEffect(fetchData, [fetchData]);

  const missing = error instanceof ApiError && error.status === 404;
  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <div className="admin-section-head">
        <h2 id={`${id}-title`}>{t(title)}</h2>
        <button type="button" className="button ghost" onClick={fetchData}>{t('admin.refresh')}</button>
      </div>
      {missing && <p className="alert info">{t('admin.notAvailable')}</p>}
      {error !== null && !missing && <p className="alert error" role="alert">{errorText(t, error)}</p>}
      {data === null && error === null && <p className="loading" role="status">{t('common.loading')}</p>}
      {data !== null && error === null && children(data.value)}
    </section>
  );
}
