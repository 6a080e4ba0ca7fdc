import type { NormalisedError } from '../../../http/error-handler.js';
import { isErrorCode, REFUSAL_CODES } from '../../../http/errors.js';

/** Atelier's field names as OpenAI's parameters. */
const PARAMS: Record<string, string> = { count: 'n', engine: 'model', references: 'image', assetId: 'image', instruction: 'prompt', file: 'image' };

function typeFor(status: number): string {
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function codeFor(e: NormalisedError): string {
  if (e.status === 401) return 'invalid_api_key';
  if (isErrorCode(e.code) && REFUSAL_CODES.has(e.code)) return 'moderation_blocked';
  return e.code.toLowerCase();
}

/** OpenAI's error body: `{error: {message, type, param, code}}`. */
export function openAiError(e: NormalisedError) {
  const message = e.status === 401
    ? 'Missing or unknown API key. Send Authorization: Bearer <token>, with a token made in Atelier under Settings → API tokens.'
    : e.message;
  const field = e.field?.replace(/^body\./, '');
  return { error: { message, type: typeFor(e.status), param: field ? PARAMS[field] ?? field : null, code: codeFor(e) } };
}
