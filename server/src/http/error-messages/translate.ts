import type { Language } from '../../lib/language.js';
import { zhMessages, zhCodeMessages, zhValidation } from './zh.js';

interface Catalogue {
  exact: Map<string, string | null>;
  /** Messages with parts filled in at run time, the most specific (most fixed text) first. */
  patterns: { match: RegExp; text: string | null }[];
  codes: Record<string, string>;
  validation: Record<string, string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(messages: Record<string, string | null>, codes: Record<string, string>, validation: Record<string, string>): Catalogue {
  const keys = Object.keys(messages);
  const patterns = keys
    .filter((k) => k.includes('{}'))
    .sort((a, b) => b.replace(/\{\}/g, '').length - a.replace(/\{\}/g, '').length)
    .map((k) => ({ match: new RegExp(`^${k.split('{}').map(escape).join('([\\s\\S]*?)')}$`), text: messages[k]! }));
  return { exact: new Map(keys.filter((k) => !k.includes('{}')).map((k) => [k, messages[k]!])), patterns, codes, validation };
}

/** English is the language the source is written in; each other language is a catalogue. */
const CATALOGUES: Record<Exclude<Language, 'en'>, Catalogue> = { zh: compile(zhMessages, zhCodeMessages, zhValidation) };

/** The message in the catalogue's language, or undefined when it does not know it. */
function lookUp(catalogue: Catalogue, message: string, depth: number): string | undefined {
  const exact = catalogue.exact.get(message);
  if (exact !== undefined) return exact ?? undefined;
  if (depth > 2) return undefined;
  for (const { match, text } of catalogue.patterns) {
    const parts = match.exec(message);
    if (!parts || text === null) continue;
    const filled = parts.slice(1).map((part) => lookUp(catalogue, part, depth + 1) ?? part);
    return text.replace(/\{(\d+)\}/g, (_, i: string) => filled[Number(i)] ?? '');
  }
  return undefined;
}

/** An error's message for a person reading `language`: the English message itself, its translation, or its code's sentence. */
export function translateError(language: Language, code: string, message: string): string {
  if (language === 'en') return message;
  const catalogue = CATALOGUES[language];
  return lookUp(catalogue, message, 0) ?? catalogue.codes[code] ?? catalogue.codes.BAD_REQUEST!;
}

/**
 * A broken schema rule (ajv's keyword and params) of the field `where`, in `language`; undefined for English, whose
 * message ajv wrote already.
 */
export function translateValidation(language: Language, where: string, keyword: string, params: Record<string, unknown>): string | undefined {
  if (language === 'en') return undefined;
  const { validation } = CATALOGUES[language];
  const vars: Record<string, unknown> = { ...params, where };
  const text = validation[keyword] ?? validation.invalid!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
