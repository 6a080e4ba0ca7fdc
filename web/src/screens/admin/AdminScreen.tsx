import { adminApi, type AdminEngine } from '../../api/admin';
import { adminAccountsApi } from '../../api/accounts';
import { useUser } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { engineName } from '../../i18n/engine-name';
import { AdminSection } from './AdminSection';
import { AnalyticsTable } from './AnalyticsTable';
import { AuditTable } from './AuditTable';
import { InvitationsPanel } from './InvitationsPanel';
import { UsersPanel } from './UsersPanel';
import { SupportMessagesSection } from './SupportMessagesSection';
import { ReportsSection } from './ReportsSection';
import './admin.css';

const loadEngines = () => adminApi.engines();
const loadAnalytics = () => adminApi.analytics(30);
const loadOutbox = () => adminApi.outbox();
const loadAudit = () => adminAccountsApi.audit();

/**
 * Down when the last call failed; healthy when the last one succeeded, or for the built-in engine, which runs in
 * this process and makes no calls; unknown for a provider not called in the last 24 hours.
 */
export function healthOf(e: AdminEngine): 'ok' | 'down' | 'unknown' {
  const { lastError, lastSuccessAt } = e.health;
  if (lastError && (!lastSuccessAt || lastSuccessAt < lastError.at)) return 'down';
  if (lastSuccessAt || !e.neural) return 'ok';
  return 'unknown';
}

/** For admins: the reports to review, accounts, invitations, the audit log, engine health, usage analytics (daily aggregates, no user ids) and the outbox. */
export default function AdminScreen() {
  const { t, locale } = useI18n();
  const user = useUser();
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
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
      <ReportsSection />
      <UsersPanel />
      <InvitationsPanel />
      <AdminSection title="admin.audit" load={loadAudit}>
        {(entries) => <AuditTable entries={entries} />}
      </AdminSection>
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
                    const { calls, errors, refusals, errorRate, lastSuccessAt, lastError } = e.health;
                    const facts = [
                      e.model && `${t('admin.model')}: ${e.model}`,
                      t('admin.calls', { calls, errors, rate: Math.round(errorRate * 100), refusals }),
                      lastSuccessAt && `${t('admin.lastSuccess')}: ${when(lastSuccessAt)}`,
                      lastError && `${t('admin.lastError')}: ${when(lastError.at)} ${[lastError.httpStatus, lastError.code, lastError.detail].filter(Boolean).join(' ')}`,
                    ].filter(Boolean);
                    return (
                      <tr key={e.id}>
                        <th scope="row">{engineName(t, e)}</th>
                        <td><span className={`health ${health}`}>{t(`admin.health.${health}`)}</span></td>
                        <td className="details">{facts.join(' · ')}</td>
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
        {(days) => <AnalyticsTable days={days} />}
      </AdminSection>
      <SupportMessagesSection />
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
                      <td>{when(m.createdAt)}</td>
                      <td><code>{m.type}</code></td>
                      <td>{m.to}</td>
                      <td>{m.subject}</td>
                      <td>{t(`admin.outboxStatus.${m.status}`)}{m.lastError ? ` (${m.lastError})` : ''}</td>
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
