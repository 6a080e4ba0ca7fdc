import { useId } from 'react';
import type { EngineCapabilities } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { GUIDANCE, STEPS, workflowTool, type CreateForm } from './form-state';
import { WorkflowSelect } from './WorkflowSelect';

interface SamplingControlsProps {
  form: CreateForm;
  caps: EngineCapabilities;
  onChange(patch: Partial<CreateForm>): void;
  disabled?: boolean;
}

/** Negative prompt, steps, guidance, sampler and workflow: each only when the engine lists it (diffusion engines). */
export function SamplingControls({ form, caps, onChange, disabled }: SamplingControlsProps) {
  const t = useT();
  const id = useId();
  const controls = caps.controls ?? [];
  if (controls.length === 0) return null;
  return (
    <fieldset className="control-group sampling-controls" disabled={disabled}>
      <legend>{t('create.sampling')}</legend>
      {controls.includes('negativePrompt') && (
        <div className="field">
          <label htmlFor={`${id}-negative`}>{t('create.negativePrompt')}</label>
          <textarea id={`${id}-negative`} rows={2} maxLength={2000} value={form.negativePrompt} placeholder={t('create.negativePromptHint')}
            onChange={(e) => onChange({ negativePrompt: e.target.value })} />
        </div>
      )}
      <div className="row">
        {controls.includes('steps') && (
          <div className="field">
            <label htmlFor={`${id}-steps`}>{t('create.steps')}</label>
            <input id={`${id}-steps`} type="number" inputMode="numeric" min={STEPS.min} max={STEPS.max} step={1} value={form.steps}
              placeholder={t('create.engineDefault')} onChange={(e) => onChange({ steps: e.target.value })} />
          </div>
        )}
        {controls.includes('guidance') && (
          <div className="field">
            <label htmlFor={`${id}-guidance`}>{t('create.guidance')}</label>
            <input id={`${id}-guidance`} type="number" inputMode="decimal" min={GUIDANCE.min} max={GUIDANCE.max} step={0.5} value={form.guidance}
              placeholder={t('create.engineDefault')} onChange={(e) => onChange({ guidance: e.target.value })} />
          </div>
        )}
        {controls.includes('sampler') && (caps.samplers?.length ?? 0) > 0 && (
          <div className="field">
            <label htmlFor={`${id}-sampler`}>{t('create.sampler')}</label>
            <select id={`${id}-sampler`} value={form.sampler} onChange={(e) => onChange({ sampler: e.target.value })}>
              <option value="">{t('create.engineDefault')}</option>
              {caps.samplers!.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
        )}
        <WorkflowSelect caps={caps} tool={workflowTool(form)} value={form.workflow} onChange={(workflow) => onChange({ workflow })} />
      </div>
    </fieldset>
  );
}
