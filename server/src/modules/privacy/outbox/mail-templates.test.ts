import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../lib/language.js';
import { mailTemplates } from './mail-templates.js';

const CJK = /[\u4e00-\u9fff]/;
const at = new Date(Date.UTC(2026, 11, 7, 18, 30));
const sample = { name: 'Ming', newEmail: 'new@example.test', at, purgeAt: at, publicUrl: 'https://atelier.example', url: 'https://atelier.example/x',
  validMinutes: 30, validHours: 48, version: '2', effectiveDate: '2026-12-01', summary: 'Summary.', subject: 'Hi', message: 'Text', assetId: null };

describe('emails in every language', () => {
  it('writes every email in every language (a missing one is also a type error)', () => {
    const names = Object.keys(mailTemplates('en')).sort();
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const language of LANGUAGES) expect(Object.keys(mailTemplates(language)).sort()).toEqual(names);
  });

  it('writes the Chinese ones in Chinese, subject and text', () => {
    for (const [name, render] of Object.entries(mailTemplates('zh'))) {
      const mail = (render as (p: typeof sample) => { subject: string; text: string })(sample);
      expect(mail.subject, name).toMatch(CJK);
      expect(mail.text, name).toMatch(CJK);
      expect(mail.text, name).not.toMatch(/\b(Hello|If you|Your)\b/);
    }
  });
});
