import type { RetrySettings } from '../engine-config.js';

/**
 * Wait before retry number `retry` (0 for the first retry): exponential, capped, with "equal jitter" (half fixed,
 * half random) so that many workers hit by the same rate limit do not come back in lockstep.
 */
export function backoffDelay(retry: number, s: RetrySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The provider's wish when it gave one, else our backoff. */
export function delayBefore(retry: number, s: RetrySettings, retryAfterMs: number | undefined, random?: () => number): number {
  return retryAfterMs ?? backoffDelay(retry, s, random);
}

/** A wait that ends early (rejecting with the signal's reason) when the job is cancelled. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
