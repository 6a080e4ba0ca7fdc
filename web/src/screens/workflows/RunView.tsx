import { useEffect, useId, type ReactNode } from 'react';
import { isRunActive, workflowsApi, type WorkflowRun } from '../../api/workflows';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { kindKey } from './WorkflowEditor';

const POLL_MS = 1000;
export const runStatusKey = (s: WorkflowRun['status']) => `workflows.status.${s}` as MessageKey;
const stepStatusKey = (s: WorkflowRun['steps'][number]['status']) => `workflows.stepStatus.${s}` as MessageKey;
export const stepsDone = (run: WorkflowRun) => run.steps.filter((s) => s.status === 'succeeded').length;

interface RunViewProps {
  run: WorkflowRun;
  onUpdate(run: WorkflowRun): void;
  onError(err: unknown): void;
  /** More actions beside cancel and download (History links to the run). */
  children?: ReactNode;
}

/** One run, polled while it is active: each step's status and the images it made. */
export function RunView({ run, onUpdate, onError, children }: RunViewProps) {
  const { t } = useI18n();
  const id = useId();
  useEffect(() => {
    if (!isRunActive(run)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      workflowsApi.getRun(run.id, controller.signal).then(onUpdate, (err: unknown) => {
        if ((err as Error).name !== 'AbortError') onError(err);
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [run, onUpdate, onError]);

  const line = t('workflows.runLine', { name: run.name, status: t(runStatusKey(run.status)), done: stepsDone(run), steps: run.steps.length });
  return (
    <section className="card workflow-run" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{run.name}</h2>
      <progress max={1} value={run.progress} aria-label={line} />
      <p role="status">{line}</p>
      {run.error && <p className="alert error">{run.error.message}</p>}
      <div className="row">
        {isRunActive(run) && (
          <button type="button" className="button danger" onClick={() => void workflowsApi.cancelRun(run.id).then(onUpdate, onError)}>{t('workflows.cancelRun')}</button>
        )}
        {run.archiveUrl && <a className="button" href={run.archiveUrl} download>{t('workflows.download')}</a>}
        {children}
      </div>
      <ol className="workflow-run-steps">
        {run.steps.map((step) => (
          <li key={step.index}>
            <span>{t('workflows.step', { n: step.index + 1, kind: t(kindKey(step.kind as never)) })} · {t(stepStatusKey(step.status))}</span>
            {step.error && <span className="error"> · {step.error.message}</span>}
            {step.assets.length > 0 && (
              <ul className="workflow-run-images" aria-label={t('workflows.stepOutput', { n: step.index + 1 })}>
                {step.assets.map((a, i) => (
                  <li key={a.id}>
                    <a href={a.urls.content} target="_blank" rel="noreferrer">
                      <img src={a.urls.thumbnail} width={96} height={96} alt={`${t('workflows.stepOutput', { n: step.index + 1 })}${step.assets.length > 1 ? ` (${i + 1})` : ''}`} />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
