import type { ProviderCallError } from '../provider/errors.js';
import { commonFailure } from '../local/http.js';

/**
 * A1111's error bodies: validation `422 {"detail": [{loc, msg, ...}]}`, runtime `500 {"error", "detail", "body",
 * "errors"}`. Only `loc`/`msg` and `error`/`errors` are kept: `body` (and pydantic's `input`) echo the request,
 * prompt included, and must never reach the health records.
 */
export function a1111Failure(status: number, body: unknown, retryAfterMs: number | undefined, safe: (t: string) => string): ProviderCallError {
  return commonFailure('Automatic1111', status, safe(detailOf(body)), retryAfterMs);
}

function detailOf(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as { detail?: unknown; error?: unknown; errors?: unknown };
  if (Array.isArray(b.detail)) {
    return b.detail.map((d: { loc?: unknown[]; msg?: unknown }) => `${(d.loc ?? []).join('.')}: ${String(d.msg ?? '')}`).join('; ');
  }
  return [b.error, b.errors].filter((x) => typeof x === 'string' && x).join(': ');
}
