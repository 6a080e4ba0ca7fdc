import type { NormalisedError } from '../../../http/error-handler.js';
import { isErrorCode, type ErrorCode } from '../../../http/errors.js';

/** Atelier's codes that have a documented ModelArk counterpart. */
const CODES: Partial<Record<ErrorCode, string>> = {
  PROMPT_REFUSED: 'InputTextSensitiveContentDetected',
  INPUT_IMAGE_REFUSED: 'InputImageSensitiveContentDetected',
  OUTPUT_REFUSED: 'OutputImageSensitiveContentDetected',
  // Atelier's own image check withheld a made image: to the client, the same as the provider's output check.
  IMAGE_REFUSED: 'OutputImageSensitiveContentDetected',
};

const counterpart = (code: string): string | undefined => (isErrorCode(code) ? CODES[code] : undefined);

const PARAMS: Record<string, string> = { count: 'sequential_image_generation_options.max_images', references: 'image', engine: 'model' };

function codeFor(e: NormalisedError): { code: string; type: string } {
  const known = counterpart(e.code);
  if (known) return { code: known, type: 'BadRequest' };
  if (e.status === 401) return { code: 'AuthenticationError', type: 'Unauthorized' };
  if (e.status === 403) return { code: 'AccessDenied', type: 'Forbidden' };
  if (e.status === 404) return { code: 'NotFound', type: 'NotFound' };
  if (e.status === 429) return { code: 'QuotaExceeded', type: 'TooManyRequests' };
  if (e.status >= 500) return { code: 'InternalServiceError', type: 'InternalServerError' };
  return { code: / is required$/.test(e.message) ? 'MissingParameter' : 'InvalidParameter', type: 'BadRequest' };
}

/** ModelArk's error body: `{error: {code, message, param, type}}`. */
export function modelArkError(e: NormalisedError) {
  const message = e.status === 401
    ? 'The API key is missing or unknown. Send Authorization: Bearer <token>, with a token made in Atelier under Settings → API tokens.'
    : e.message;
  const field = e.field?.replace(/^body\./, '');
  return { error: { ...codeFor(e), message, param: field ? PARAMS[field] ?? field : undefined } };
}

/** The code of one output's failure inside a set (a refusal of that image, or Atelier's own code). */
export const outputErrorCode = (code: string): string => counterpart(code) ?? code;
