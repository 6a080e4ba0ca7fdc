import type { EngineCapabilities } from '../../api/types';
import { useT } from '../../i18n/i18n';

/** The built-in engine's id: its description is the studio's own, in the interface's language. */
const BUILTIN_ENGINE_ID = 'builtin';

/**
 * What the chosen engine is; the built-in one says plainly that it is a procedural renderer, not an AI model. Other
 * engines' descriptions come from the server as they are configured.
 */
export function EngineNotice({ caps, id }: { caps: EngineCapabilities; id: string }) {
  const t = useT();
  return (
    <div id={id} className="engine-notice">
      {!caps.neural && <p className="engine-procedural"><strong>{t('create.proceduralNotice')}</strong></p>}
      {caps.id === BUILTIN_ENGINE_ID ? (
        <p className="field-hint">{t('create.builtinDescription')}</p>
      ) : (
        caps.description && <p className="field-hint">{caps.description}</p>
      )}
    </div>
  );
}
