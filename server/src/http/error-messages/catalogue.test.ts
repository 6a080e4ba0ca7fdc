import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { LANGUAGES } from '../../lib/language.js';
import { thrownMessages } from './thrown-messages.js';
import { translateError, translateValidation } from './translate.js';
import { zhCodeMessages, zhMessages, zhValidation } from './zh.js';

const SERVER_SOURCE = path.resolve(import.meta.dirname, '../..');
const holes = (template: string) => template.split('{}').length - 1;

describe('error messages in every language', () => {
  const thrown = thrownMessages(SERVER_SOURCE);

  it('reads the messages the source throws (the scan itself works)', () => {
    expect(thrown.length).toBeGreaterThan(150);
    expect(thrown.map((m) => m.template)).toContain('{} not found');
    expect(thrown.map((m) => m.template)).toContain('generations and edits'); // a word of a table the message indexes
  });

  it('has a Chinese text for every message the server throws', () => {
    const missing = [...new Set(thrown.filter((m) => !(m.template in zhMessages)).map((m) => `${m.file}: ${m.template}`))];
    expect(missing).toEqual([]);
  });

  it('fills only the parts a message has', () => {
    const wrong = Object.entries(zhMessages).filter(([en, zh]) =>
      zh !== null && [...zh.matchAll(/\{(\d+)\}/g)].some((m) => Number(m[1]) >= holes(en)));
    expect(wrong).toEqual([]);
  });

  it('has a sentence for every code of the catalogue, in every language but the source language', () => {
    expect(LANGUAGES.filter((l) => l !== 'en')).toEqual(['zh']);
    expect(Object.keys(ErrorCodes).filter((code) => !(code in zhCodeMessages))).toEqual([]);
    expect(['required', 'type', 'maxLength', 'additionalProperties', 'invalid'].filter((k) => !(k in zhValidation))).toEqual([]);
  });

  it('translates a message with its parts, the nouns among them too', () => {
    expect(translateError('zh', 'NOT_FOUND', 'Album not found')).toBe('未找到相册。');
    expect(translateError('zh', 'RATE_LIMITED', 'Too many generations and edits: at most 5 per minute. Try again in 12 s.'))
      .toBe('生成和编辑过多：每分钟最多 5 次。请在 12 秒后重试。');
    expect(translateError('zh', 'VALIDATION_FAILED', 'Tags are at most 64 characters: "sunset" is too long.')).toBe('标签最多 64 个字符：“sunset”太长了。');
    expect(translateError('en', 'NOT_FOUND', 'Album not found')).toBe('Album not found');
  });

  it('answers a message built at run time with its code\'s sentence rather than in English', () => {
    expect(translateError('zh', 'INVALID_INSTRUCTION', 'I did not understand "blorp". Seedream cannot do this.')).toBe(zhCodeMessages.INVALID_INSTRUCTION);
    expect(translateError('zh', 'SOMETHING_NEW', 'A brand new message')).toBe(zhCodeMessages.BAD_REQUEST);
  });

  it('says a broken schema rule in Chinese', () => {
    expect(translateValidation('zh', 'body.name', 'maxLength', { limit: 100 })).toBe('body.name 最多 100 个字符。');
    expect(translateValidation('zh', 'body.x', 'someFutureKeyword', {})).toBe('body.x 无效。');
    expect(translateValidation('en', 'body.name', 'maxLength', { limit: 100 })).toBeUndefined();
  });
});
