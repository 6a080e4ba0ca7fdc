import { ApiError } from '../api/client';
import type { MessageKey } from './messages';
import type { Translate } from './i18n';

/**
 * Turns any failure into a sentence for a person: a translated message for the codes we know, otherwise the
 * server's own message (every API error carries one written for people), never raw JSON.
 */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    const key = `error.${err.code}` as MessageKey;
    const translated = t(key);
    if (translated !== key) return translated;
    if (err.message) return err.message;
    return t(err.status >= 500 ? 'error.INTERNAL' : 'error.generic');
  }
  return t('error.generic');
}
