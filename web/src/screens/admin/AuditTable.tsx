import type { AuditRow } from '../../api/accounts';
import { useI18n } from '../../i18n/i18n';

/** Administrators' actions, newest first: who did what to which account, and when. */
export function AuditTable({ entries }: { entries: AuditRow[] }) {
  const { t, locale } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('admin.auditEmpty')}</p>;
  const detail = (d: Record<string, unknown>) => Object.entries(d).map(([k, v]) => `${k}: ${String(v)}`).join(' · ');
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.audit')}>
      <table>
        <thead>
          <tr><th scope="col">{t('admin.when')}</th><th scope="col">{t('admin.by')}</th><th scope="col">{t('admin.action')}</th><th scope="col">{t('admin.target')}</th><th scope="col">{t('admin.details')}</th></tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en')}</td>
              <td>{e.actorEmail ?? e.actorId ?? '—'}</td>
              <td>{e.action}</td>
              <td>{e.target ?? '—'}</td>
              <td className="details">{detail(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
