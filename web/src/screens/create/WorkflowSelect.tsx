import { useId } from 'react';
import type { EngineCapabilities } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { workflowChoices, workflowFor, type WorkflowTool } from './workflow-choice';

interface WorkflowSelectProps {
  caps: EngineCapabilities | undefined;
  tool: WorkflowTool;
  value: string;
  onChange(name: string): void;
  /** Where several tools' selects sit together, which tool it is for. */
  label?: string;
}

/** Which of the engine's workflows runs the tool (an operator's own ComfyUI workflows); nothing without a choice. */
export function WorkflowSelect({ caps, tool, value, onChange, label }: WorkflowSelectProps) {
  const t = useT();
  const id = useId();
  const choices = workflowChoices(caps, tool);
  if (choices.length === 0) return null;
  const fallback = choices.find((w) => w.default);
  return (
    <div className="field">
      <label htmlFor={`${id}-workflow`}>{label ? `${label}: ${t('create.workflow')}` : t('create.workflow')}</label>
      <select id={`${id}-workflow`} value={workflowFor(caps, tool, value) ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{fallback ? t('create.workflowDefault', { name: fallback.name }) : t('create.engineDefault')}</option>
        {choices.filter((w) => !w.default).map((w) => <option key={w.name} value={w.name}>{w.name}</option>)}
      </select>
    </div>
  );
}
