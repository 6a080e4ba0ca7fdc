/**
 * Prompt text as the moderation policy compares it: the tricks that keep a word readable to a person but not to a
 * plain string match are undone (case, full/half width, accents, zero-width characters, leetspeak, letters spaced out).
 */

const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
const LEET_CHARS = /[013457@$]/g;
/** Anything that is not a letter or a digit separates words. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const HAN = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;

export interface NormalisedText {
  /** Words in order, each lower-case, unaccented, leetspeak undone. */
  words: string[];
  /** Each run of two or more one-letter words joined ("n u d e" → "nude"). */
  spelledOut: string[];
  /** Everything without separators (for scripts written without spaces, such as Chinese). */
  compact: string;
}

/** Case, width, accents, zero-width and leetspeak undone; then split into words. */
export function normaliseWords(text: string): string[] {
  const plain = text.normalize('NFKC').replace(ZERO_WIDTH, '').toLowerCase()
    .normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC')
    .replace(LEET_CHARS, (c) => LEET[c]!);
  return plain.split(SEPARATORS).filter((w) => w.length > 0);
}

export function normalise(text: string): NormalisedText {
  const words = normaliseWords(text);
  const spelledOut: string[] = [];
  let run: string[] = [];
  for (const w of [...words, '']) {
    if ([...w].length === 1) {
      run.push(w);
      continue;
    }
    if (run.length >= 2) spelledOut.push(run.join(''));
    run = [];
  }
  return { words, spelledOut, compact: words.join('') };
}

/** Whether a term is written in a script without spaces between words (it is then matched anywhere). */
export function isUnspacedScript(term: string): boolean {
  return HAN.test(term);
}
