import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { PagerState } from './keyset-pager';

/** A list's texts for its size: all of them, more than a capped count, an estimate, and how many are loaded so far. */
export interface TotalTexts {
  all: MessageKey;
  atLeast: MessageKey;
  about: MessageKey;
  loaded: MessageKey;
}

/**
 * What a list says about its size: the server's total, labelled "more than" or "about" as the server found it, or,
 * where the server gave none, how many are loaded so far (all of them once every page is loaded).
 */
export function listTotalText(t: Translate, state: Pick<PagerState<unknown>, 'total' | 'totalAccuracy' | 'done' | 'items'>, texts: TotalTexts): string {
  if (state.total !== null) {
    const key = state.totalAccuracy === 'exact' ? texts.all : texts[state.totalAccuracy];
    return t(key, { n: state.total.toLocaleString('en') });
  }
  return t(state.done ? texts.all : texts.loaded, { n: state.items.length });
}
