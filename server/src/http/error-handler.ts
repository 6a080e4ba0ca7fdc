import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { translateError, translateValidation } from './error-messages/translate.js';
import { requestLanguage } from './request-language.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function send(reply: FastifyReply, status: number, body: ErrorBody, headers?: Record<string, string>) {
  if (headers) reply.headers(headers);
  return reply.status(status).type('application/json').send(body);
}

export function describeValidation(err: FastifyError): { message: string; field?: string; where?: string; keyword?: string; params?: Record<string, unknown> } {
  const first = err.validation?.[0];
  if (!first) return { message: err.message };
  const context = err.validationContext ?? 'body';
  const missing = (first.params as { missingProperty?: string })?.missingProperty;
  const pathPart = (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const field = missing ? [pathPart, missing].filter(Boolean).join('.') : pathPart || undefined;
  const where = field ? `${context}.${field}` : context;
  const message = missing ? `${where} is required` : `${where} ${first.message ?? 'is invalid'}`;
  return { message, field, where, keyword: first.keyword, params: first.params as Record<string, unknown> };
}

/**
 * Errors the router raises before any route runs. Without this Fastify answers them in its own shape, and echoes the
 * address back. An over-long path part cannot be any object's id, so it answers like an unknown id.
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, 404, { error: { code: 'NOT_FOUND', message: localMessage(request, { code: 'NOT_FOUND', message: 'Nothing here has an id that long' }) } });
  }
  const message = err.code === 'FST_ERR_BAD_URL'
    ? 'The address is not valid: it holds a malformed percent-encoding'
    : 'The request could not be routed';
  return send(reply, 400, { error: { code: 'BAD_REQUEST', message: localMessage(request, { code: 'BAD_REQUEST', message }) } });
}

/** Any error a route throws, as a status, a code of the catalogue and a message a person can act on. */
export interface NormalisedError {
  status: number;
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The schema rule a request broke (VALIDATION_FAILED), to say it in another language. */
  rule?: { where?: string; keyword?: string; params?: Record<string, unknown> };
}

/** The message in the language of the request (its account's, else Accept-Language). */
function localMessage(request: FastifyRequest, known: Pick<NormalisedError, 'code' | 'message' | 'rule'>): string {
  const language = requestLanguage(request);
  if (known.rule?.where && known.rule.keyword) return translateValidation(language, known.rule.where, known.rule.keyword, known.rule.params ?? {}) ?? known.message;
  return translateError(language, known.code, known.message);
}

/**
 * Classifies what a route threw; undefined for an unexpected error (a bug: answer 500 and log it). Shared by the API's
 * own error shape and the compatibility endpoints, which answer in their provider's shape.
 */
export function normaliseError(err: FastifyError | AppError): NormalisedError | undefined {
  if (err instanceof AppError) {
    const field = typeof err.details?.field === 'string' ? err.details.field : undefined;
    return { status: err.statusCode, code: err.code, message: err.message, field, details: err.details, headers: err.headers };
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const { message, field, ...rule } = describeValidation(fe);
    return { status: 400, code: 'VALIDATION_FAILED', message, field, details: field ? { field } : undefined, rule };
  }
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The upload is larger than this server accepts' };
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (application/json) or, for uploads, multipart/form-data' };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
    const message = fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'The request body is not valid JSON' : fe.message;
    return { status: fe.statusCode, code, message };
  }
  return undefined;
}

/** The one JSON error shape {error: {code, message}}; no stack trace ever leaves the server. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const known = normaliseError(err);
    if (known) {
      const body: ErrorBody = { error: { code: known.code, message: localMessage(request, known) } };
      if (known.details) body.error.details = known.details;
      return send(reply, known.status, body, known.headers);
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { code: 'INTERNAL', message: localMessage(request, { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' }) } });
  });

  app.setNotFoundHandler((request, reply) => {
    const message = localMessage(request, { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` });
    return send(reply, 404, { error: { code: 'NOT_FOUND', message } });
  });
}
