import { useCallback, useState } from 'react';
import { reportsApi, type AdminReport, type ReportAction } from '../../api/reports';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useAction } from '../settings/use-action';
import { AdminSection } from './AdminSection';

/** The review queue: each open report with the image, its prompt, who reported it and the owner's history. */
export function ReportsSection() {
  const [version, setVersion] = useState(0);
  // A new loader after an action makes the section load the queue again.
  const load = useCallback(() => reportsApi.openQueue(), [version]);
  return (
    <AdminSection title="reports.adminTitle" load={load}>
      {(items) => <ReportQueue items={items} onChanged={() => setVersion((v) => v + 1)} />}
    </AdminSection>
  );
}

export function ReportQueue({ items, onChanged }: { items: AdminReport[]; onChanged(): void }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="muted">{t('reports.adminEmpty')}</p>;
  return (
    <ul className="report-queue">
      {items.map((r) => <ReportItem key={r.id} report={r} onChanged={onChanged} />)}
    </ul>
  );
}

function ReportItem({ report: r, onChanged }: { report: AdminReport; onChanged(): void }) {
  const { t, locale } = useI18n();
  const action = useAction();
  const when = new Date(r.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  const counts = Object.entries(r.history.reports).map(([status, n]) => `${status} ${n}`).join(', ') || '0';
  const confirmations: Partial<Record<ReportAction, string>> = {
    remove: t('reports.removeConfirm'),
    suspend: t('reports.suspendConfirm', { email: r.owner.email ?? r.owner.id }),
  };
  const act = (what: ReportAction) => {
    const question = confirmations[what];
    if (question && !window.confirm(question)) return;
    void action.run(async () => {
      await reportsApi.act(r.id, what);
      onChanged();
    });
  };
  return (
    <li className="report-item">
      {r.image.thumbnailUrl ? <img src={r.image.thumbnailUrl} alt={t('reports.image')} width={160} /> : <p className="muted">{t('reports.gone')}</p>}
      <dl>
        <dt>{t('reports.reason')}</dt>
        <dd>{t(`reports.reason.${r.reason}`)} · {when}{r.note ? ` — ${r.note}` : ''}</dd>
        <dt>{t('reports.prompt')}</dt>
        <dd>{r.image.prompt ?? t('reports.noPrompt')}</dd>
        <dt>{t('reports.reporter')}</dt>
        <dd>{r.reporter ? r.reporter.email : t('reports.reporterGone')}</dd>
        <dt>{t('reports.owner')}</dt>
        <dd>{r.owner.email ?? r.owner.id} ({r.owner.status ?? '—'})</dd>
        <dt>{t('reports.history')}</dt>
        <dd>{t('reports.historyText', { reports: counts, refusals: r.history.refusedPrompts, suspensions: r.history.suspensions })}</dd>
      </dl>
      <div className="admin-actions">
        {(['dismiss', 'warn', 'remove', 'suspend'] as const).map((what) => (
          <button key={what} type="button" className={`button ${what === 'remove' || what === 'suspend' ? 'danger' : 'ghost'}`} disabled={action.busy} onClick={() => act(what)}>
            {t(`reports.${what}`)}
          </button>
        ))}
        <span aria-live="polite">{action.error !== null && <span className="field-error">{errorText(t, action.error)}</span>}</span>
      </div>
    </li>
  );
}
