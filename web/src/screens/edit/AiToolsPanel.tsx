import { useId, useRef, useState } from 'react';
import type { EditRequest } from '../../api/edits';
import type { Asset, EngineCapabilities } from '../../api/types';
import { uploadMask } from '../../api/uploads';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { toolState, type AiTool } from './ai-tools';
import { MaskBrush, type MaskBrushHandle } from './MaskBrush';
import { WorkflowSelect } from '../create/WorkflowSelect';
import { workflowFor } from '../create/workflow-choice';

interface AiToolsPanelProps {
  asset: Asset;
  engines: EngineCapabilities[];
  chosen: EngineCapabilities | undefined;
  busy: boolean;
  onSubmit(body: EditRequest): Promise<void>;
  onError(err: unknown): void;
}

/** Inpainting with a painted mask, upscaling and background removal with the chosen engine; what it lacks says why. */
export function AiToolsPanel({ asset, engines, chosen, busy, onSubmit, onError }: AiToolsPanelProps) {
  const t = useT();
  const id = useId();
  const brush = useRef<MaskBrushHandle>(null);
  const [painted, setPainted] = useState(false);
  const [prompt, setPrompt] = useState('');
  // Per tool, the engine workflow chosen where it offers several ('' its default).
  const [workflows, setWorkflows] = useState<Partial<Record<AiTool, string>>>({});
  const state = (tool: AiTool) => toolState(tool, chosen, engines);
  const reason = (tool: AiTool) => {
    const s = state(tool);
    if (s.enabled) return null;
    return s.reason === 'noEngine' ? t('edit.toolNoEngine') : t('edit.toolOtherEngines', { engines: s.engines });
  };
  const base = { assetId: asset.id, engine: chosen?.id };
  const workflowOf = (tool: AiTool) => {
    const workflow = workflowFor(chosen, tool, workflows[tool] ?? '');
    return workflow ? { workflow } : {};
  };
  const workflowSelect = (tool: AiTool) => state(tool).enabled && (
    <WorkflowSelect caps={chosen} tool={tool} value={workflows[tool] ?? ''} label={t(`edit.tool.${tool}` as MessageKey)}
      onChange={(name) => setWorkflows((w) => ({ ...w, [tool]: name }))} />
  );

  async function inpaint() {
    try {
      const mask = await brush.current?.exportMask();
      if (!mask) return;
      const uploaded = await uploadMask(mask);
      await onSubmit({ ...base, tool: 'inpaint', mask: uploaded.id, instruction: prompt.trim(), ...workflowOf('inpaint') });
    } catch (err) {
      onError(err);
    }
  }

  const inpaintReason = reason('inpaint');
  return (
    <div className="ai-tools">
      <fieldset className="card" disabled={busy}>
        <legend>{t('edit.tool.inpaint')}</legend>
        {inpaintReason ? <p className="muted small">{inpaintReason}</p> : (
          <>
            <p className="muted small">{t('edit.mask.hint')}</p>
            <MaskBrush ref={brush} asset={asset} onPainted={setPainted} />
            <div className="field">
              <label htmlFor={`${id}-inpaint`}>{t('edit.inpaintPrompt')}</label>
              <input id={`${id}-inpaint`} maxLength={2000} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
            </div>
            {workflowSelect('inpaint')}
            <button type="button" className="button primary" disabled={!painted || !prompt.trim()} onClick={() => void inpaint()}>
              {t('edit.inpaintApply')}
            </button>
          </>
        )}
      </fieldset>
      <fieldset className="card" disabled={busy}>
        <legend>{t('edit.aiTools')}</legend>
        <div className="row">
          {(chosen?.upscaleFactors?.length ? chosen.upscaleFactors : [2, 4]).map((scale) => (
            <button key={scale} type="button" className="button" disabled={!state('upscale').enabled}
              aria-describedby={reason('upscale') ? `${id}-upscale-why` : undefined}
              onClick={() => void onSubmit({ ...base, tool: 'upscale', scale: scale as 2 | 4, ...workflowOf('upscale') })}>
              {t('edit.upscaleBy', { scale })}
            </button>
          ))}
          <button type="button" className="button" disabled={!state('removeBackground').enabled}
            aria-describedby={reason('removeBackground') ? `${id}-bg-why` : undefined}
            onClick={() => void onSubmit({ ...base, tool: 'removeBackground', ...workflowOf('removeBackground') })}>
            {t('edit.tool.removeBackground')}
          </button>
        </div>
        {workflowSelect('upscale')}
        {workflowSelect('removeBackground')}
        {reason('upscale') && <p id={`${id}-upscale-why`} className="muted small">{t('edit.tool.upscale')}: {reason('upscale')}</p>}
        {reason('removeBackground') && <p id={`${id}-bg-why`} className="muted small">{t('edit.tool.removeBackground')}: {reason('removeBackground')}</p>}
      </fieldset>
    </div>
  );
}
