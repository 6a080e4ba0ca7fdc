import { ProviderCallError, redact } from '../provider/errors.js';

export interface OpenAiErrorBody {
  error?: { message?: string; type?: string; param?: string | null; code?: string | null };
}

export interface OpenAiInputs {
  mode: 'generate' | 'edit';
  images: number;
}

const MODERATION_CODES = new Set(['moderation_blocked', 'content_policy_violation']);

function refusedWhat(i: OpenAiInputs): string {
  if (i.mode === 'edit') return 'the instruction or the image to edit';
  if (i.images === 0) return 'the prompt';
  return i.images === 1 ? 'the prompt or the reference image' : `the prompt or one of the ${i.images} reference images`;
}

/** Classifies a non-2xx answer of the OpenAI Images API. */
export function openAiFailure(status: number, body: OpenAiErrorBody | undefined, retryAfterMs: number | undefined,
  requestId: string | null, inputs: OpenAiInputs, secrets: readonly string[]): ProviderCallError {
  const code = body?.error?.code ?? body?.error?.type ?? `HTTP_${status}`;
  const message = redact(body?.error?.message ?? '', secrets);
  const detail = `HTTP ${status} ${code}${message ? `: ${message}` : ''}${requestId ? ` (request ${requestId})` : ''}`;
  if (MODERATION_CODES.has(code)) {
    return new ProviderCallError('refused', 'CONTENT_REFUSED', `refused ${refusedWhat(inputs)}`, {
      httpStatus: status, detail: `HTTP ${status} ${code}`,
      userMessage: `OpenAI's safety system refused ${refusedWhat(inputs)}. Change it and try again.`,
    });
  }
  if (status === 401 || status === 403 || status === 404 || code === 'insufficient_quota') {
    return new ProviderCallError('config', code, `configuration problem (${code})`, { httpStatus: status, detail });
  }
  if (status === 429) {
    return new ProviderCallError('retryable', code, `rate limited (HTTP 429 ${code})`, { httpStatus: status, retryAfterMs, detail });
  }
  if (status >= 500) {
    return new ProviderCallError('retryable', code, `provider error (HTTP ${status})`, { httpStatus: status, retryAfterMs, detail });
  }
  const param = body?.error?.param ? ` (${body.error.param})` : '';
  return new ProviderCallError('rejected', code, `request refused: ${code}`, {
    httpStatus: status, detail, userMessage: `OpenAI refused the request${param}: ${message || code}`,
  });
}
