import { EngineJobError } from '../../engines/engine.js';
import { AppError, type ErrorCode } from '../../http/errors.js';
import { decodeFailure, isMediaError } from '../../media/errors.js';

export interface Failure {
  code: ErrorCode;
  message: string;
}

/** libvips says this when an image has more pixels than allowed; its wording is not for people. */
const PIXEL_LIMIT = /exceeds pixel limit/i;

/**
 * What a person is told about a failed generation. Errors Atelier raised for people (AppError, MediaError,
 * EngineJobError) keep their code and message; a library's own message (sharp's "Input image exceeds pixel limit",
 * a file path, a driver error) never reaches them: it becomes a catalogue message, and the caller logs the original.
 */
export function userFacingFailure(err: unknown, fallback: Failure): Failure {
  if (err instanceof AppError || err instanceof EngineJobError) return { code: err.code, message: err.message };
  if (isMediaError(err)) return { code: err.code, message: err.message };
  if (err instanceof Error && PIXEL_LIMIT.test(err.message)) {
    const mapped = decodeFailure(err);
    return { code: mapped.code, message: mapped.message };
  }
  return fallback;
}

export const FAILURES = {
  engine: { code: 'ENGINE_ERROR', message: 'The engine failed while making this image. Try again; if it keeps failing, the administrator can find the cause in the server log.' },
  input: { code: 'INPUT_UNAVAILABLE', message: 'An input image could not be read. Try again, or choose another image.' },
  inputDeleted: { code: 'INPUT_UNAVAILABLE', message: 'An input image was deleted before the generation could run.' },
  gaveUp: { code: 'JOB_FAILED', message: 'The generation could not finish after several tries. Try again later.' },
} as const satisfies Record<string, Failure>;
