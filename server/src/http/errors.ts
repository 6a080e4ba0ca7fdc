/** One catalogue of coded errors: every error the API returns has a stable code and a status. */
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
  POLICY_VERSION_OUTDATED: 409,
  INVALID_UNSUBSCRIBE_LINK: 400,
  INTERNAL: 500,
  ENGINE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  GENERATION_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

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
