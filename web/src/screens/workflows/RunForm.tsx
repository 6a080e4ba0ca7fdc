import { useEffect, useId, useState } from 'react';
import type { BillingSummary } from '../../api/billing';
import type { WorkflowVariable } from '../../api/workflows';
import { useI18n } from '../../i18n/i18n';
import { CostNotice, type CostRequest } from '../create/CostNotice';
import { variableLabel } from './variable-label';

interface RunFormProps {
  name: string;
  variables: readonly WorkflowVariable[];
  onRun(inputs: Record<string, string>): Promise<void>;
  /** With plans: what a run with these inputs would queue, priced next to Run. */
  billing?: BillingSummary | null;
  price?(inputs: Record<string, string>, signal: AbortSignal): Promise<{ requests: CostRequest[] }>;
}

/** How long typing pauses before a run is priced again. */
const PRICE_DELAY_MS = 300;

const givenOf = (inputs: Record<string, string>) => Object.fromEntries(Object.entries(inputs).filter(([, value]) => value.trim() !== ''));

/** One field per variable (its default filled in), and Run with what it will cost. */
export function RunForm({ name, variables, onRun, billing, price }: RunFormProps) {
  const { t } = useI18n();
  const id = useId();
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The same variables may come again (the workflow read back after a save): what was typed stays.
  const shape = JSON.stringify(variables);
  useEffect(() => {
    const current: readonly WorkflowVariable[] = JSON.parse(shape);
    setInputs((typed) => Object.fromEntries(current.map((v) => [v.name, typed[v.name] ?? v.default ?? ''])));
  }, [shape]);

  const given = JSON.stringify(givenOf(inputs));
  const [requests, setRequests] = useState<CostRequest[] | null>(null);
  const priced = Boolean(billing?.plan && price);
  useEffect(() => {
    if (!priced) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      price!(JSON.parse(given), controller.signal).then((r) => setRequests(r.requests), () => setRequests(null));
    }, PRICE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [given, priced, price]);

  const submit = () => {
    setBusy(true);
    void onRun(givenOf(inputs)).finally(() => setBusy(false));
  };

  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <h2 id={`${id}-title`}>{t('workflows.runTitle', { name })}</h2>
      {variables.map((v) => (
        <div className="field" key={v.name}>
          <label htmlFor={`${id}-${v.name}`}>{variableLabel(t, 'workflows.input', v.name)}</label>
          <input id={`${id}-${v.name}`} value={inputs[v.name] ?? ''} onChange={(e) => setInputs({ ...inputs, [v.name]: e.target.value })} />
        </div>
      ))}
      <button type="submit" className="button primary" disabled={busy} aria-describedby={`${id}-cost`}>{t('workflows.run')}</button>
      {requests && <CostNotice billing={billing ?? null} requests={requests} id={`${id}-cost`} />}
    </form>
  );
}
