import type { ReactNode } from 'react';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const MARK = '\u0001';

/**
 * A translated label naming a {{variable}}: the name is an identifier the steps are written with, the same in every
 * language, so it is shown as code inside the translated text.
 */
export function variableLabel(t: Translate, key: MessageKey, name: string): ReactNode {
  const [before, after] = t(key, { name: MARK }).split(MARK);
  return <>{before}<code>{name}</code>{after}</>;
}
