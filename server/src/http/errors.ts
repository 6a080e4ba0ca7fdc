/**
 * One catalogue of coded errors: every error the API returns, and every code a generation, one of its outputs or a
 * workflow run can carry, has a stable code here and the status a request failing with it is answered with.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_INSTRUCTION: 400,
  INVALID_SIZE: 400,
  INVALID_IMAGE: 400,
  INVALID_STYLE: 400,
  INVALID_OPERATIONS: 400,
  INVALID_JOB: 400,
  TRAINING_NOT_OFFERED: 400,
  INVALID_TOKEN: 400,
  INVALID_STEP: 400,
  UNKNOWN_VARIABLE: 400,
  MISSING_INPUT: 400,
  INSUFFICIENT_CREDITS: 402,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  PASSWORD_INCORRECT: 403,
  ACCOUNT_SUSPENDED: 403,
  EMAIL_NOT_VERIFIED: 403,
  SIGNUP_CLOSED: 403,
  INVALID_CODE: 401,
  PLAN_LIMIT: 403,
  OWN_KEY_CAP_REACHED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  INVALID_STATE: 409,
  IMAGE_CHECKING: 409,
  PROMPT_REFUSED: 422,
  IMAGE_REFUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  IMAGE_TOO_LARGE: 413,
  RANGE_NOT_SATISFIABLE: 416,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  EXPORT_RATE_LIMITED: 429,
  EXPORT_NOT_READY: 409,
  EXPORT_EXPIRED: 410,
  LINK_EXPIRED: 410,
  POLICY_VERSION_OUTDATED: 409,
  INVALID_UNSUBSCRIBE_LINK: 400,
  INTERNAL: 500,
  ENGINE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  GENERATION_TIMEOUT: 504,
  NOT_READY: 503,
  // What a generation, one of its outputs or a workflow run can carry (written by the runner and the engines).
  INPUT_IMAGE_REFUSED: 422,
  OUTPUT_REFUSED: 422,
  CONTENT_REFUSED: 422,
  INPUT_UNAVAILABLE: 409,
  ASSET_DELETED: 410,
  CANCELED: 409,
  ENGINE_ERROR: 502,
  ENGINE_FAILED: 502,
  ENGINE_REJECTED: 502,
  OUTPUT_FAILED: 502,
  OUTPUT_UNUSABLE: 502,
  NOT_RETURNED: 502,
  NO_OUTPUT: 502,
  RENDER_FAILED: 500,
  JOB_FAILED: 503,
  TOOL_UNAVAILABLE: 400,
  OWN_KEY_MISSING: 400,
  OWN_KEY_REFUSED: 400,
  OWN_KEY_UNCHECKED: 502,
  STEP_FAILED: 500,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ErrorCodes, code);

/** A failure as stored (generations, outputs, workflow runs), read back: a code this catalogue no longer has answers as `fallback`. */
export interface StoredFailure {
  code: ErrorCode;
  message: string;
}
export function storedFailure<T extends { code: string; message: string }>(failure: T, fallback: ErrorCode): T & StoredFailure {
  return { ...failure, code: isErrorCode(failure.code) ? failure.code : fallback };
}

/**
 * A safety check refused what was sent or withheld what was made: answered like a provider's refusal (400 on the
 * compatible endpoints), never as a server fault.
 */
export const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PROMPT_REFUSED', 'INPUT_IMAGE_REFUSED', 'IMAGE_REFUSED', 'OUTPUT_REFUSED', 'CONTENT_REFUSED',
]);

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.statusCode = ErrorCodes[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const invalid = (message: string, field?: string) =>
  new AppError('VALIDATION_FAILED', message, field ? { field } : undefined);
