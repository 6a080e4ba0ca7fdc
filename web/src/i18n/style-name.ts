import type { Translate } from './i18n';
import type { MessageKey } from './messages';

/** The built-in engine's styles, whose names are the studio's to write; other engines' styles are their own names. */
const BUILTIN_STYLES = new Set(['watercolor', 'flat', 'neon', 'pixel', 'ink', 'pastel', 'low-poly', 'film', 'retro']);

/** A style's name in the studio's language. */
export const styleName = (t: Translate, style: string): string => (BUILTIN_STYLES.has(style) ? t(`style.${style}` as MessageKey) : style);
