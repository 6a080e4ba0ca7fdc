import { isUnspacedScript, normalise, normaliseWords, type NormalisedText } from './normalise.js';

/** One term of a category, normalised the way prompts are. */
interface Term {
  /** The term's words ("nude", or "nude photo" as two words). */
  words: string[];
  /** A term ending in "*" matches any word that starts with it. */
  prefix: boolean;
  /** Chinese, Japanese or Korean: matched anywhere in the text with separators removed. */
  unspaced: boolean;
}

/**
 * The operator's term lists by category (ATELIER_MODERATION_FILE, "prompt.categories"). A prompt is refused when any
 * term appears in it after normalisation; the answer names the first category that matched.
 */
export class PromptPolicy {
  private readonly categories: Array<{ name: string; terms: Term[] }>;

  constructor(categories: Record<string, string[]>) {
    this.categories = Object.entries(categories).map(([name, terms]) => ({ name, terms: terms.map(compileTerm).filter((t) => t.words.length > 0) }));
  }

  /** The category the texts fall in, or undefined when they pass. */
  categoryOf(...texts: Array<string | undefined>): string | undefined {
    const normalised = texts.filter((t): t is string => !!t).map(normalise);
    for (const category of this.categories) {
      if (normalised.some((text) => category.terms.some((term) => matches(text, term)))) return category.name;
    }
    return undefined;
  }
}

function compileTerm(raw: string): Term {
  const prefix = raw.trimEnd().endsWith('*');
  const words = normaliseWords(prefix ? raw.trimEnd().slice(0, -1) : raw);
  return { words, prefix, unspaced: isUnspacedScript(raw) };
}

function matches(text: NormalisedText, term: Term): boolean {
  const joined = term.words.join('');
  if (term.unspaced) return text.compact.includes(joined);
  if (text.spelledOut.some((run) => run.includes(joined))) return true;
  const last = term.words.length - 1;
  for (let i = 0; i + last < text.words.length; i++) {
    const hit = term.words.every((w, j) => {
      const word = text.words[i + j]!;
      return word === w || (j === last && term.prefix && word.startsWith(w));
    });
    if (hit) return true;
  }
  return false;
}
