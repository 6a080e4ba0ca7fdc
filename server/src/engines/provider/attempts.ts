import { isErrorCode } from '../../http/errors.js';
import { EngineJobError, RetryableEngineError } from '../engine.js';
import type { RetrySettings } from '../engine-config.js';
import type { HealthReporter } from '../health.js';
import { ProviderCallError } from './errors.js';
import { formatMs } from './request.js';
import { delayBefore } from './retry.js';
import type { ProviderRuntime } from './runtime.js';

export interface AttemptOptions {
  engine: string;
  model: string;
  /** Shown to people: "Seedream", "OpenAI". */
  provider: string;
  retry: RetrySettings;
  /** The calls use the person's own key: a refusal of it is theirs to fix and is never retried. */
  ownKey?: boolean;
  /** Where each call is recorded (absent: nowhere, for calls on a person's own key). */
  health?: HealthReporter;
  runtime: ProviderRuntime;
  signal: AbortSignal;
}

/**
 * Runs `call` until it succeeds, retrying retryable failures with backoff (honouring Retry-After), and records every
 * call in the engine's health. What cannot be retried, or is still failing after the last retry, becomes an
 * EngineJobError with a message a person can act on; a Retry-After longer than our longest wait hands the job back
 * to the queue instead of holding a worker.
 */
export async function withAttempts<T>(opts: AttemptOptions, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const started = opts.runtime.now();
    try {
      const result = await call();
      await record(opts, { outcome: 'ok', durationMs: opts.runtime.now() - started });
      return result;
    } catch (err) {
      if (opts.signal.aborted || !(err instanceof ProviderCallError)) throw err;
      await record(opts, {
        outcome: err.kind === 'refused' ? 'refused' : 'error',
        httpStatus: err.httpStatus,
        code: err.code,
        detail: err.detail ?? err.message,
        durationMs: opts.runtime.now() - started,
      });
      if (opts.ownKey && refusesOwnKey(err)) throw ownKeyRefused(opts.provider, err);
      if (err.kind !== 'retryable') throw toJobError(opts.provider, err);
      if (attempt >= opts.retry.retries) {
        throw new EngineJobError('ENGINE_FAILED',
          `${opts.provider} did not succeed after ${attempt + 1} attempt${attempt ? 's' : ''} (last: ${err.message}). Try again later.`);
      }
      if (err.retryAfterMs !== undefined && err.retryAfterMs > opts.retry.maxDelayMs) {
        throw new RetryableEngineError(`${opts.provider} asked to wait ${formatMs(err.retryAfterMs)} (${err.message})`, err.retryAfterMs);
      }
      await opts.runtime.sleep(delayBefore(attempt, opts.retry, err.retryAfterMs, opts.runtime.random), opts.signal);
    }
  }
}

/** 401/403 (a bad or blocked key) and a 429 that means the account ran out (quota, spending limit), not a rate. */
export function refusesOwnKey(err: ProviderCallError): boolean {
  return err.kind === 'config' || (err.httpStatus === 429 && /quota|setlimit|overdue|insufficient|billing/i.test(err.code));
}

/** The person is told plainly that their key was refused; the job is never retried, and never with the server's key. */
export function ownKeyRefused(provider: string, err: ProviderCallError): EngineJobError {
  const why = (err.detail ?? err.message).replace(/[.\s]+$/, '');
  return new EngineJobError('OWN_KEY_REFUSED', `Your ${provider} key was refused: ${why}. Check the key in Settings → Your provider keys.`);
}

function toJobError(provider: string, err: ProviderCallError): EngineJobError {
  switch (err.kind) {
    case 'config':
      return new EngineJobError('ENGINE_UNAVAILABLE',
        `${provider} cannot be used right now because of a problem with this server's settings for it. ` +
        'An administrator can see the details on the engine health page.');
    case 'refused':
      return new EngineJobError(isErrorCode(err.code) ? err.code : 'CONTENT_REFUSED', err.userMessage ?? `${provider}'s safety check refused this request.`);
    default:
      return new EngineJobError('ENGINE_REJECTED', err.userMessage ?? `${provider} refused the request: ${err.message}`);
  }
}

async function record(opts: AttemptOptions, call: Omit<Parameters<HealthReporter['record']>[0], 'engine' | 'model'>): Promise<void> {
  // Health is for admins; failing to write it must never fail a person's generation.
  await opts.health?.record({ engine: opts.engine, model: opts.model, ...call }).catch(() => undefined);
}
