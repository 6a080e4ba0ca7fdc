/** The languages Atelier speaks: the studio, the API's error messages, emails and the privacy page. */
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The first supported language of an Accept-Language header, in the order of its q-values ("zh-CN,zh;q=0.9,en;q=0.8"
 * is zh); the default when none is supported or the header is absent.
 */
export function languageFromHeader(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANGUAGE;
  const ranked = value
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.primary && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.primary).find(isLanguage) ?? DEFAULT_LANGUAGE;
}

/** The BCP 47 tag of a language, for an HTML page's `lang`. */
export const languageTag = (language: Language): string => (language === 'zh' ? 'zh-CN' : 'en');
