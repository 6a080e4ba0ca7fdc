import type { Album } from '../../api/types';
import type { WorkflowStep } from '../../api/workflows';
import { useI18n } from '../../i18n/i18n';

/** Operations a step can add from a list (those with no settings); others come from a saved history item. */
const SIMPLE_OPERATIONS = ['grayscale', 'sepia', 'invert', 'sharpen'] as const;

interface StepFieldsProps {
  step: WorkflowStep;
  /** Prefix of the fields' ids (unique per step). */
  id: string;
  albums: readonly Album[];
  onChange(step: WorkflowStep): void;
}

/** The settings of one step, by kind, as plain form fields. */
export function StepFields({ step, id, albums, onChange }: StepFieldsProps) {
  const { t } = useI18n();
  const text = (name: string, label: string, value: string, set: (v: string) => WorkflowStep, multiline = false) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {multiline
        ? <textarea id={`${id}-${name}`} rows={2} value={value} onChange={(e) => onChange(set(e.target.value))} />
        : <input id={`${id}-${name}`} value={value} onChange={(e) => onChange(set(e.target.value))} />}
    </div>
  );
  switch (step.kind) {
    case 'generate':
      return (
        <>
          {text('prompt', t('workflows.field.prompt'), step.prompt, (prompt) => ({ ...step, prompt }), true)}
          {text('size', t('workflows.field.size'), step.size ?? '', (size) => ({ ...step, size: size || undefined }))}
          <div className="field">
            <label htmlFor={`${id}-count`}>{t('workflows.field.count')}</label>
            <input id={`${id}-count`} type="number" min={1} max={15} value={step.count ?? 1}
              onChange={(e) => onChange({ ...step, count: Math.min(15, Math.max(1, Number(e.target.value) || 1)) })} />
          </div>
        </>
      );
    case 'edit':
      return text('instruction', t('workflows.field.instruction'), step.instruction, (instruction) => ({ ...step, instruction }), true);
    case 'operations':
      return (
        <div className="field">
          <span id={`${id}-ops`}>{t('workflows.field.operations')}</span>
          <p aria-labelledby={`${id}-ops`} className="workflow-ops">{step.operations.map((o) => o.op).join(', ')}</p>
          <div className="row">
            <label className="visually-hidden" htmlFor={`${id}-add-op`}>{t('workflows.field.addOperation')}</label>
            <select id={`${id}-add-op`} value="" onChange={(e) => e.target.value && onChange({ ...step, operations: [...step.operations, { op: e.target.value }] })}>
              <option value="">{t('workflows.field.addOperation')}</option>
              {SIMPLE_OPERATIONS.map((op) => <option key={op} value={op}>{op}</option>)}
            </select>
            <button type="button" className="button ghost" disabled={step.operations.length < 2}
              onClick={() => onChange({ ...step, operations: step.operations.slice(0, -1) })}>
              {t('workflows.field.removeOperation')}
            </button>
          </div>
        </div>
      );
    case 'upscale':
      return (
        <div className="field">
          <label htmlFor={`${id}-scale`}>{t('workflows.field.scale')}</label>
          <select id={`${id}-scale`} value={step.scale} onChange={(e) => onChange({ ...step, scale: Number(e.target.value) === 4 ? 4 : 2 })}>
            <option value={2}>2×</option>
            <option value={4}>4×</option>
          </select>
        </div>
      );
    case 'album':
      return (
        <div className="field">
          <label htmlFor={`${id}-album`}>{t('workflows.field.album')}</label>
          <select id={`${id}-album`} value={step.albumId} onChange={(e) => onChange({ ...step, albumId: e.target.value })}>
            <option value="">{t('workflows.field.chooseAlbum')}</option>
            {albums.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            {step.albumId && !albums.some((a) => a.id === step.albumId) && <option value={step.albumId}>{step.albumId}</option>}
          </select>
        </div>
      );
    case 'export':
      return null;
  }
}

/** A new step of a kind, with the settings it needs filled with a sensible start. */
export function newStep(kind: WorkflowStep['kind']): WorkflowStep {
  switch (kind) {
    case 'generate': return { kind, prompt: '{{prompt}}' };
    case 'edit': return { kind, instruction: 'make it warmer' };
    case 'operations': return { kind, operations: [{ op: 'grayscale' }] };
    case 'upscale': return { kind, scale: 2 };
    case 'album': return { kind, albumId: '' };
    case 'export': return { kind };
  }
}
