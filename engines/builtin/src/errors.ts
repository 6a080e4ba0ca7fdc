/** Errors the built-in engine throws. */

/** An AbortError like the ones Node's own APIs throw (name 'AbortError', code 'ABORT_ERR'). */
export class EngineAbortError extends Error {
  override readonly name = 'AbortError';
  readonly code = 'ABORT_ERR';
  constructor(reason?: unknown) {
    super('The operation was aborted', reason === undefined ? undefined : { cause: reason });
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineAbortError(signal.reason);
}

export const isAbortError = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/** A job the engine cannot run as asked (bad size, unknown style, invalid edit operations...). */
export class EngineInputError extends Error {
  override readonly name = 'EngineInputError';
  constructor(
    readonly code: 'INVALID_SIZE' | 'INVALID_STYLE' | 'INVALID_OPERATIONS' | 'INVALID_INSTRUCTION' | 'INVALID_IMAGE' | 'INVALID_JOB',
    message: string,
  ) {
    super(message);
  }
}
