import { useEffect, useId, useState } from 'react';
import { albumsApi } from '../../api/albums';
import type { Album } from '../../api/types';
import { variablesOf, type StepKind, type WorkflowDraft, type WorkflowStep } from '../../api/workflows';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { newStep, StepFields } from './StepFields';
import { variableLabel } from './variable-label';

const KINDS: StepKind[] = ['generate', 'edit', 'operations', 'upscale', 'album', 'export'];
export const kindKey = (kind: StepKind) => `workflows.kind.${kind}` as MessageKey;

interface WorkflowEditorProps {
  draft: WorkflowDraft;
  busy: boolean;
  onChange(draft: WorkflowDraft): void;
  onSave(): void;
}

/** Name, ordered steps and the defaults of the variables the steps use: a form, no JSON. */
export function WorkflowEditor({ draft, busy, onChange, onSave }: WorkflowEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const [albums, setAlbums] = useState<Album[]>([]);
  const [adding, setAdding] = useState<StepKind>('edit');
  useEffect(() => void albumsApi.list().then((page) => setAlbums(page.items), () => setAlbums([])), []);

  const setSteps = (steps: WorkflowStep[]) => onChange({ ...draft, steps, variables: variablesOf(steps, draft.variables) });
  const move = (from: number, to: number) => {
    const steps = [...draft.steps];
    const [step] = steps.splice(from, 1);
    steps.splice(to, 0, step!);
    setSteps(steps);
  };

  return (
    <form className="card workflow-editor" aria-labelledby={`${id}-title`} onSubmit={(e) => { e.preventDefault(); onSave(); }}>
      <h2 id={`${id}-title`} className="visually-hidden">{draft.name || t('workflows.new')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('workflows.name')}</label>
        <input id={`${id}-name`} required maxLength={120} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
      </div>
      <h3>{t('workflows.steps')}</h3>
      <ol className="workflow-steps">
        {draft.steps.map((step, i) => (
          <li key={i}>
            <fieldset>
              <legend>{t('workflows.step', { n: i + 1, kind: t(kindKey(step.kind)) })}</legend>
              <StepFields step={step} id={`${id}-s${i}`} albums={albums} onChange={(s) => setSteps(draft.steps.map((old, j) => (j === i ? s : old)))} />
              <div className="row">
                <button type="button" className="button ghost" disabled={i === 0} onClick={() => move(i, i - 1)}>{t('workflows.moveUp', { n: i + 1 })}</button>
                <button type="button" className="button ghost" disabled={i === draft.steps.length - 1} onClick={() => move(i, i + 1)}>{t('workflows.moveDown', { n: i + 1 })}</button>
                <button type="button" className="button danger" disabled={draft.steps.length === 1} onClick={() => setSteps(draft.steps.filter((_, j) => j !== i))}>
                  {t('workflows.removeStep', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="row">
        <label htmlFor={`${id}-kind`}>{t('workflows.addKind')}</label>
        <select id={`${id}-kind`} value={adding} onChange={(e) => setAdding(e.target.value as StepKind)}>
          {KINDS.map((kind) => <option key={kind} value={kind}>{t(kindKey(kind))}</option>)}
        </select>
        <button type="button" className="button" onClick={() => setSteps([...draft.steps, newStep(adding)])}>{t('workflows.addStep')}</button>
      </div>
      <h3>{t('workflows.variables')}</h3>
      {draft.variables.length === 0 && <p className="muted">{t('workflows.noVariables')}</p>}
      {draft.variables.map((v) => (
        <div className="field" key={v.name}>
          <label htmlFor={`${id}-v-${v.name}`}>{variableLabel(t, 'workflows.default', v.name)}</label>
          <input id={`${id}-v-${v.name}`} value={v.default ?? ''} onChange={(e) => onChange({
            ...draft, variables: draft.variables.map((x) => (x.name === v.name ? { ...x, default: e.target.value || undefined } : x)),
          })} />
        </div>
      ))}
      <button type="submit" className="button primary" disabled={busy}>{t('workflows.save')}</button>
    </form>
  );
}
