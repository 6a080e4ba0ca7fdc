import { translateError } from '../../http/error-messages/translate.js';
import type { StoredFailure } from '../../http/errors.js';
import type { Language } from '../../lib/language.js';
import type { GenerationDto } from './dto.js';

type Failure = StoredFailure;

/**
 * A generation with its failures said in `language`. They are stored as the runner wrote them (English, the
 * source language) and translated when read, like every other error message.
 */
export function localisedGeneration(dto: GenerationDto, language: Language): GenerationDto {
  if (language === 'en') return dto;
  const say = (failure: Failure): Failure => ({ ...failure, message: translateError(language, failure.code, failure.message) });
  return {
    ...dto,
    ...(dto.error ? { error: say(dto.error) } : {}),
    outputs: dto.outputs.map((o) => (o.error ? { ...o, error: say(o.error) } : o)),
  };
}
