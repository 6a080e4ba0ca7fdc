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
  health: HealthReporter;
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

function toJobError(provider: string, err: ProviderCallError): EngineJobError {
  switch (err.kind) {
    case 'config':
      return new EngineJobError('ENGINE_UNAVAILABLE',
        `${provider} cannot be used right now because of a problem with this server's settings for it. ` +
        'An administrator can see the details on the engine health page.');
    case 'refused':
      return new EngineJobError(err.code, err.userMessage ?? `${provider}'s safety check refused this request.`);
    default:
      return new EngineJobError('ENGINE_REJECTED', err.userMessage ?? `${provider} refused the request: ${err.message}`);
  }
}

async function record(opts: AttemptOptions, call: Omit<Parameters<HealthReporter['record']>[0], 'engine' | 'model'>): Promise<void> {
  // Health is for admins; failing to write it must never fail a person's generation.
  await opts.health.record({ engine: opts.engine, model: opts.model, ...call }).catch(() => undefined);
}
