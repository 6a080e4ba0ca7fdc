import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './i18n';
import { messages } from './messages';
import { readsAsEnglish, untranslatedTexts } from './untranslated-text';

/** The {name}s translate() fills; a {{variable}} of a prompt template is text the person reads, in any language. */
const placeholders = (text: string) => [...text.replace(/\{\{[^}]*\}\}/g, '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the studio\'s message catalogue', () => {
  it('translates every English key into every supported language, and has no key English lacks', () => {
    const english = Object.keys(messages.en).sort();
    for (const { id } of LOCALES) {
      const keys = Object.keys(messages[id]);
      expect(english.filter((k) => !keys.includes(k)), `missing in ${id}`).toEqual([]);
      expect(keys.filter((k) => !(k in messages.en)), `unknown in ${id}`).toEqual([]);
    }
  });

  it('keeps every {placeholder} of the English text in each translation', () => {
    for (const { id } of LOCALES) {
      const differing = Object.entries(messages.en).filter(([key, text]) => placeholders(text!).join() !== placeholders(messages[id][key as keyof typeof messages.en] ?? '').join());
      expect(differing.map(([key]) => `${id}: ${key}`)).toEqual([]);
    }
  });

  it('writes the Chinese catalogue in Chinese (an English sentence left in it is a missed translation)', () => {
    const english = Object.entries(messages.zh).filter(([, text]) => !/[\u4e00-\u9fff]/.test(text!) && readsAsEnglish(text!.replace(/\{\w+\}/g, '')));
    expect(english).toEqual([]);
  });
});

describe('text in the studio\'s screens', () => {
  it('goes through the translator: no English JSX text or read attribute is written into a component', { timeout: 60_000 }, () => {
    expect(untranslatedTexts(path.resolve(import.meta.dirname, '..'))).toEqual([]);
  });

  it('is found when it is there (the scan itself works)', () => {
    expect(readsAsEnglish('Save changes')).toBe(true);
    expect(readsAsEnglish('Seedream · 2K · PNG')).toBe(false);
    expect(readsAsEnglish('admin.audit')).toBe(false);
  });
});
