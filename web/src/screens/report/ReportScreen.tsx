import { useId, useState, type FormEvent } from 'react';
import { NOTE_MAX, REPORT_REASONS, reportsApi, type ReportReason } from '../../api/reports';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { useAction } from '../settings/use-action';
import './report.css';

/** Which link and image the report is about: the share page's "Report" link carries them in the address. */
export function reportTarget(search: string): { shareToken: string; assetId?: string } | undefined {
  const params = new URLSearchParams(search);
  const shareToken = params.get('share');
  if (!shareToken) return undefined;
  const assetId = params.get('asset');
  return assetId ? { shareToken, assetId } : { shareToken };
}

/** "Report this image", opened from a share link's page (signed in: the studio asks to sign in first). */
export default function ReportScreen() {
  const t = useT();
  const id = useId();
  const action = useAction();
  const [target] = useState(() => reportTarget(window.location.search));
  const [reason, setReason] = useState<ReportReason | ''>('');
  const [note, setNote] = useState('');

  if (!target) {
    return (
      <section className="card report-screen">
        <h1>{t('reports.title')}</h1>
        <p className="alert error" role="alert">{t('reports.missingLink')}</p>
      </section>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) return;
    void action.run(async () => {
      await reportsApi.create({ ...target, reason, ...(note.trim() ? { note } : {}) });
    });
  };

  return (
    <section className="card report-screen" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      {action.done ? (
        <p className="alert success" role="status">{t('reports.sent')}</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset>
            <legend>{t('reports.reason')}</legend>
            {REPORT_REASONS.map((r) => (
              <label key={r} className="report-reason">
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} required />
                {t(`reports.reason.${r}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-note`}>{t('reports.note')}</label>
          <textarea id={`${id}-note`} value={note} maxLength={NOTE_MAX} rows={4} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button primary" disabled={action.busy || !reason}>{t('reports.send')}</button>
          <span aria-live="polite">{action.error !== null && <span className="field-error" role="alert">{errorText(t, action.error)}</span>}</span>
        </form>
      )}
      <p><a href={`/s/${encodeURIComponent(target.shareToken)}`}>{t('reports.backToLink')}</a></p>
    </section>
  );
}
