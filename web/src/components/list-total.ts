import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { PagerState } from './keyset-pager';

/**
 * What a list says about its size: the server's total when it keeps one for the filter (or when every page is
 * loaded), otherwise how many are loaded so far.
 */
export function listTotalText(t: Translate, state: Pick<PagerState<unknown>, 'total' | 'done' | 'items'>, all: MessageKey, loaded: MessageKey): string {
  if (state.total !== null) return t(all, { n: state.total });
  return t(state.done ? all : loaded, { n: state.items.length });
}
