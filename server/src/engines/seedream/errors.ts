import type { ErrorCode } from '../../http/errors.js';
import { ProviderCallError, redact } from '../provider/errors.js';

export interface ModelArkErrorBody {
  error?: { code?: string; message?: string; param?: string; type?: string };
}

const MODERATION: Record<string, { code: ErrorCode; what: (inputs: InputsSummary) => string }> = {
  InputTextSensitiveContentDetected: { code: 'PROMPT_REFUSED', what: () => 'the prompt' },
  InputImageSensitiveContentDetected: { code: 'INPUT_IMAGE_REFUSED', what: (i) => inputImagesText(i) },
  OutputImageSensitiveContentDetected: { code: 'OUTPUT_REFUSED', what: () => 'the generated image' },
};

export interface InputsSummary {
  mode: 'generate' | 'edit';
  images: number;
}

function inputImagesText(i: InputsSummary): string {
  if (i.mode === 'edit') return 'the image to edit';
  return i.images === 1 ? 'the reference image' : `one of the ${i.images} reference images`;
}

export const isModerationCode = (code: string | undefined) => code !== undefined && code in MODERATION;

/** Classifies a non-2xx ModelArk answer (status, parsed body, Retry-After) following the spec's error table. */
export function modelArkFailure(status: number, body: ModelArkErrorBody | undefined, retryAfterMs: number | undefined,
  inputs: InputsSummary, secrets: readonly string[]): ProviderCallError {
  const code = body?.error?.code ?? `HTTP_${status}`;
  const message = redact(body?.error?.message ?? '', secrets);
  const detail = `HTTP ${status} ${code}${message ? `: ${message}` : ''}`;
  const moderation = MODERATION[code];
  if (moderation) {
    return new ProviderCallError('refused', moderation.code, `refused ${moderation.what(inputs)}`, {
      httpStatus: status, detail: `HTTP ${status} ${code}`,
      userMessage: `Seedream's safety check refused ${moderation.what(inputs)}. Change it and try again.`,
    });
  }
  if (status === 401 || status === 403 || status === 404) {
    return new ProviderCallError('config', code, `configuration problem (${code})`, { httpStatus: status, detail });
  }
  if (status === 429) {
    return new ProviderCallError('retryable', code, `rate limited (HTTP 429 ${code})`, { httpStatus: status, retryAfterMs, detail });
  }
  if (status >= 500) {
    return new ProviderCallError('retryable', code, `provider error (HTTP ${status} ${code})`, { httpStatus: status, retryAfterMs, detail });
  }
  const param = body?.error?.param ? ` (${body.error.param})` : '';
  return new ProviderCallError('rejected', code, `request refused: ${code}`, {
    httpStatus: status, detail,
    userMessage: `Seedream refused the request${param}: ${message || code}`,
  });
}

/** The message stored for one output that a set skipped (a partial_failed event or a data[i].error). */
export function outputFailure(code: string | undefined, message: string | undefined, index: number, count: number,
  secrets: readonly string[]): { code: ErrorCode; message: string } {
  const which = count > 1 ? `image ${index + 1} of ${count}` : 'the image';
  if (code === 'OutputImageSensitiveContentDetected') {
    return { code: 'OUTPUT_REFUSED', message: `Seedream's safety check withheld ${which}.` };
  }
  return { code: 'OUTPUT_FAILED', message: `Seedream could not make ${which}: ${redact(message || code || 'no reason given', secrets)}` };
}
