import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import type { WorkflowRun } from '../../api/workflows';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { RunView } from '../workflows/RunView';

/** A workflow run as one History item: its name, status, steps and their images (live while it runs), and a link to it. */
export function HistoryRunCard({ run: initial }: { run: WorkflowRun }) {
  const t = useT();
  const [run, setRun] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const onError = useCallback((err: unknown) => setError(err), []);
  return (
    <div className="history-run" data-testid="history-run">
      <RunView run={run} onUpdate={setRun} onError={onError}>
        <span className="badge">{t('history.workflowRun')}</span>
        <Link href={`/workflows?run=${encodeURIComponent(run.id)}`} className="button">{t('history.openRun')}</Link>
      </RunView>
      {error !== null && <p className="alert error" role="alert">{errorText(t, error)}</p>}
    </div>
  );
}
