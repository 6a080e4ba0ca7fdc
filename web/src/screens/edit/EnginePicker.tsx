import { useId } from 'react';
import type { EngineCapabilities } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { engineName } from '../../i18n/engine-name';
import type { MessageKey } from '../../i18n/messages';
import { toolsOf } from './ai-tools';

/** Every configured engine that edits, with what it can do and its size limit. */
export function EnginePicker({ engines, chosen, onChoose }: { engines: EngineCapabilities[]; chosen: string; onChoose(id: string): void }) {
  const t = useT();
  const id = useId();
  const caps = engines.find((e) => e.id === chosen);
  return (
    <div className="field">
      <label htmlFor={`${id}-engine`}>{t('edit.engine')}</label>
      <select id={`${id}-engine`} value={chosen} aria-describedby={`${id}-limits`} onChange={(e) => onChoose(e.target.value)}>
        {engines.map((e) => <option key={e.id} value={e.id}>{e.model ? `${engineName(t, e)} (${e.model})` : engineName(t, e)}</option>)}
      </select>
      {caps && (
        <span id={`${id}-limits`} className="field-hint">
          {t('edit.engineLimits', {
            tools: toolsOf(caps).map((tool) => t(`edit.tool.${tool}` as MessageKey)).join(', '),
            maxSide: caps.maxSide,
          })}
        </span>
      )}
    </div>
  );
}
