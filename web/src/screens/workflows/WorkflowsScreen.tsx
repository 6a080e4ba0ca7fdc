import { useCallback, useEffect, useId, useState } from 'react';
import { workflowsApi, type Workflow, type WorkflowDraft, type WorkflowRun } from '../../api/workflows';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { useBillingSummary } from '../create/use-billing-summary';
import { RunForm } from './RunForm';
import { RunView, runStatusKey, stepsDone } from './RunView';
import { WorkflowEditor } from './WorkflowEditor';
import './workflows.css';
import { variableLabel } from './variable-label';

const BLANK: WorkflowDraft = { name: '', steps: [{ kind: 'generate', prompt: '{{prompt}}' }], variables: [{ name: 'prompt' }] };
const draftOf = (w: Workflow): WorkflowDraft => ({ name: w.name, steps: w.steps, variables: w.variables });

/** Saved workflows: pick or start one, change its steps, run it with inputs and follow each step's output. */
export default function WorkflowsScreen() {
  const { t } = useI18n();
  const id = useId();
  const [list, setList] = useState<Workflow[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(() => new URLSearchParams(window.location.search).get('id'));
  const [draft, setDraft] = useState<WorkflowDraft | null>(null);
  const [runs, setRuns] = useState<WorkflowRun[]>([]);
  const [run, setRun] = useState<WorkflowRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // With plans, a run is priced before it is sent (the saved workflow, priced again after each change is saved).
  const [billing, refreshBilling] = useBillingSummary();
  const [savedAt, setSavedAt] = useState(0);
  const price = useCallback((inputs: Record<string, string>, signal: AbortSignal) => workflowsApi.cost(openId!, inputs, signal),
    [openId, savedAt]); // savedAt: a new callback prices again once changed steps are saved
  const loadList = useCallback(() => void workflowsApi.list().then((r) => setList(r.items), setError), []);
  useEffect(loadList, [loadList]);
  useEffect(() => {
    const runId = new URLSearchParams(window.location.search).get('run');
    if (runId) workflowsApi.getRun(runId).then(setRun, setError);
  }, []);
  useEffect(() => {
    if (!openId) return;
    workflowsApi.get(openId).then((w) => setDraft(draftOf(w)), setError);
    workflowsApi.runs(openId).then((r) => setRuns(r.items), setError);
  }, [openId]);

  const updateRun = useCallback((r: WorkflowRun) => {
    setRun(r);
    setRuns((old) => [r, ...old.filter((x) => x.id !== r.id)]);
  }, []);

  const save = () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    (openId ? workflowsApi.update(openId, draft) : workflowsApi.create(draft)).then((w) => {
      setOpenId(w.id);
      setDraft(draftOf(w));
      setSavedAt(Date.now());
      setNotice(t('workflows.saved'));
      loadList();
    }, setError).finally(() => setBusy(false));
  };

  const remove = () => {
    if (!openId) return;
    void workflowsApi.remove(openId).then(() => {
      setOpenId(null);
      setDraft(null);
      setRuns([]);
      loadList();
    }, setError);
  };

  return (
    <div className="workflows-screen">
      <h1>{t('workflows.title')}</h1>
      <p className="muted">{variableLabel(t, 'workflows.intro', 'prompt')}</p>
      {error !== null && <p className="alert error" role="alert">{errorText(t, error)}</p>}
      {notice && <p className="alert success" role="status">{notice}</p>}

      <section aria-labelledby={`${id}-yours`}>
        <h2 id={`${id}-yours`}>{t('workflows.yours')}</h2>
        {list?.length === 0 && <p className="muted">{t('workflows.none')}</p>}
        <ul className="workflow-list">
          {list?.map((w) => (
            <li key={w.id}>
              <span>{w.name}</span>
              <button type="button" className="button" aria-current={w.id === openId ? 'true' : undefined} onClick={() => setOpenId(w.id)}>
                {t('workflows.open')}<span className="visually-hidden"> {w.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => { setOpenId(null); setRuns([]); setDraft(BLANK); }}>{t('workflows.new')}</button>
      </section>

      {draft && (
        <div className="workflow-work">
          <WorkflowEditor draft={draft} busy={busy} onChange={setDraft} onSave={save} />
          {openId && (
            <>
              <RunForm name={draft.name} variables={draft.variables} onRun={(inputs) => workflowsApi.run(openId, inputs).then((r) => {
                  updateRun(r);
                  if (billing?.plan) refreshBilling();
                }, setError)}
                billing={billing} price={price} />
              <button type="button" className="button danger" onClick={remove}>{t('workflows.delete')}</button>
            </>
          )}
        </div>
      )}

      {run && <RunView run={run} onUpdate={updateRun} onError={setError} />}

      {openId && (
        <section aria-labelledby={`${id}-runs`}>
          <h2 id={`${id}-runs`}>{t('workflows.runs')}</h2>
          {runs.length === 0 && <p className="muted">{t('workflows.noRuns')}</p>}
          <ul className="workflow-list">
            {runs.map((r) => (
              <li key={r.id}>
                <span>{t('workflows.runLine', { name: r.name, status: t(runStatusKey(r.status)), done: stepsDone(r), steps: r.steps.length })}</span>
                <button type="button" className="button" onClick={() => setRun(r)}>{t('workflows.showRun')}</button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
