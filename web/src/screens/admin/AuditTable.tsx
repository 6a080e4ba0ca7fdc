import type { AuditRow } from '../../api/accounts';
import { useI18n } from '../../i18n/i18n';
import { messages, type MessageKey } from '../../i18n/messages';

const knownAction = (action: string) => `admin.action.${action}` in messages.en;

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
              <td>{knownAction(e.action) ? t(`admin.action.${e.action}` as MessageKey) : <code>{e.action}</code>}</td>
              <td>{e.target ?? '—'}</td>
              <td className="details"><code>{detail(e.detail)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
