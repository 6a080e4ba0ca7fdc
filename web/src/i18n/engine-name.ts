import type { Translate } from './i18n';

/** The id of the engine that ships with Atelier: its name is the studio's to write; other engines are products. */
const BUILTIN_ENGINE = 'builtin';

/** An engine's name in the studio's language. */
export const engineName = (t: Translate, engine: { id: string; name: string }): string => (engine.id === BUILTIN_ENGINE ? t('engine.builtin') : engine.name);
