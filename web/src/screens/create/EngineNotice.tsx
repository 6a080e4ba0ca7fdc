import type { EngineCapabilities } from '../../api/types';
import { useT } from '../../i18n/i18n';

/** What the chosen engine is; the built-in one says plainly that it is a procedural renderer, not an AI model. */
export function EngineNotice({ caps, id }: { caps: EngineCapabilities; id: string }) {
  const t = useT();
  return (
    <div id={id} className="engine-notice">
      {!caps.neural && <p className="engine-procedural"><strong>{t('create.proceduralNotice')}</strong></p>}
      {caps.description && <p className="field-hint">{caps.description}</p>}
    </div>
  );
}
