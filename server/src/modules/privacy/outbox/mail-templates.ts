import type { Language } from '../../../lib/language.js';
import * as en from './templates.js';
import * as zh from './templates-zh.js';

/** Every email Atelier writes to a person; each language must write them all (a missing one fails the typecheck). */
export type MailTemplates = Omit<typeof en, 'maskEmail'>;

const { maskEmail: _helper, ...english } = en;
const BY_LANGUAGE: Record<Language, MailTemplates> = { en: english, zh };

/** The emails in the language the recipient chose. */
export const mailTemplates = (language: Language): MailTemplates => BY_LANGUAGE[language];
