/** How a failed provider call is treated. */
export type FailureKind =
  /** 429, 5xx, timeouts, broken streams, garbled answers: worth another attempt. */
  | 'retryable'
  /** 401/403/404 and the like: this server's configuration (key, model, account) is wrong. */
  | 'config'
  /** The provider's safety check refused the prompt or an image. */
  | 'refused'
  /** The provider refused the request itself (400): retrying the same request cannot help. */
  | 'rejected';

export interface FailureDetails {
  httpStatus?: number;
  /** Milliseconds the provider asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** Provider's own words, for the admin health view (keys already redacted). */
  detail?: string;
  /** What the person is told, for 'refused' and 'rejected'. */
  userMessage?: string;
}

/**
 * A classified failure of one provider call. `code` is the provider's code or one of ours (TIMEOUT, NETWORK...), for
 * the health page; a 'refused' one carries a catalogue code (PROMPT_REFUSED…), which the person sees.
 */
export class ProviderCallError extends Error {
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly detail?: string;
  readonly userMessage?: string;

  constructor(readonly kind: FailureKind, readonly code: string, message: string, details: FailureDetails = {}) {
    super(message);
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
    this.detail = details.detail;
    this.userMessage = details.userMessage;
  }
}

const KEY_LIKE = /\b(sk|ak|ark)-[A-Za-z0-9_*.-]{6,}/g;

/** Removes the configured secrets, and anything shaped like an API key, from provider text; bounds its length. */
export function redact(text: string, secrets: readonly string[], max = 300): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  out = out.replace(KEY_LIKE, '[redacted]');
  return out.length > max ? `${out.slice(0, max)}…` : out;
}
