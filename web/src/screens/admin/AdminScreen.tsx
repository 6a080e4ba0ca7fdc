import { adminApi, itemsOf, type EngineHealth, type OutboxMessage } from '../../api/admin';
import { useUser } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { AdminSection } from './AdminSection';
import { AnalyticsTable } from './AnalyticsTable';
import './admin.css';

const loadEngines = () => adminApi.engines().then((r) => itemsOf<EngineHealth>(r));
const loadAnalytics = () => adminApi.analytics(30);
const loadOutbox = () => adminApi.outbox().then((r) => itemsOf<OutboxMessage>(r));

const text = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function healthOf(e: EngineHealth): 'ok' | 'down' | 'unknown' {
  if (e.healthy === true || e.status === 'ok' || e.status === 'healthy' || e.status === 'up') return 'ok';
  if (e.healthy === false || e.status === 'down' || e.status === 'error' || e.status === 'unhealthy') return 'down';
  return 'unknown';
}

/** For admins: engine health, usage analytics (daily aggregates, no user ids) and the outbox. */
export default function AdminScreen() {
  const { t, locale } = useI18n();
  const user = useUser();
  if (user.role !== 'admin') {
    return (
      <section className="empty-state">
        <h1>{t('admin.title')}</h1>
        <p>{t('admin.forbidden')}</p>
      </section>
    );
  }
  return (
    <div className="admin-screen">
      <h1>{t('admin.title')}</h1>
      <AdminSection title="admin.engines" load={loadEngines}>
        {(engines) =>
          engines.length === 0 ? (
            <p className="muted">{t('admin.enginesEmpty')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.engines')}>
              <table>
                <thead>
                  <tr><th scope="col">{t('admin.engine')}</th><th scope="col">{t('admin.health')}</th><th scope="col">{t('admin.details')}</th></tr>
                </thead>
                <tbody>
                  {engines.map((e) => {
                    const health = healthOf(e);
                    const { id, name, status, healthy, ...rest } = e;
                    void healthy;
                    return (
                      <tr key={id}>
                        <th scope="row">{name ?? id}</th>
                        <td><span className={`health ${health}`}>{t(`admin.health.${health}`)}</span>{status ? ` (${status})` : ''}</td>
                        <td className="details">{Object.entries(rest).map(([k, v]) => `${k}: ${text(v)}`).join(' · ') || '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </AdminSection>
      <AdminSection title="admin.analytics" load={loadAnalytics}>
        {(data) => <AnalyticsTable data={data} />}
      </AdminSection>
      <AdminSection title="admin.outbox" load={loadOutbox}>
        {(messages) =>
          messages.length === 0 ? (
            <p className="muted">{t('admin.outboxEmpty')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.outbox')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.when')}</th><th scope="col">{t('admin.type')}</th><th scope="col">{t('admin.to')}</th>
                    <th scope="col">{t('admin.subject')}</th><th scope="col">{t('admin.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {messages.map((m) => (
                    <tr key={m.id}>
                      <td>{m.createdAt ? new Date(m.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en') : '—'}</td>
                      <td>{text(m.type)}</td>
                      <td>{text(m.to)}</td>
                      <td>{text(m.subject)}</td>
                      <td>{text(m.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AdminSection>
    </div>
  );
}
