import { useEffect, useId, useState } from 'react';
import type { WorkflowVariable } from '../../api/workflows';
import { useI18n } from '../../i18n/i18n';
import { variableLabel } from './variable-label';

interface RunFormProps {
  name: string;
  variables: readonly WorkflowVariable[];
  onRun(inputs: Record<string, string>): Promise<void>;
}

/** One field per variable (its default filled in), and Run. */
export function RunForm({ name, variables, onRun }: RunFormProps) {
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

  const submit = () => {
    setBusy(true);
    const given = Object.fromEntries(Object.entries(inputs).filter(([, value]) => value.trim() !== ''));
    void onRun(given).finally(() => setBusy(false));
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
      <button type="submit" className="button primary" disabled={busy}>{t('workflows.run')}</button>
    </form>
  );
}
