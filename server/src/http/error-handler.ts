import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function send(reply: FastifyReply, status: number, body: ErrorBody, headers?: Record<string, string>) {
  if (headers) reply.headers(headers);
  return reply.status(status).type('application/json').send(body);
}

function describeValidation(err: FastifyError): { message: string; field?: string } {
  const first = err.validation?.[0];
  if (!first) return { message: err.message };
  const context = err.validationContext ?? 'body';
  const missing = (first.params as { missingProperty?: string })?.missingProperty;
  const pathPart = (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const field = missing ? [pathPart, missing].filter(Boolean).join('.') : pathPart || undefined;
  const where = field ? `${context}.${field}` : context;
  const message = missing ? `${where} is required` : `${where} ${first.message ?? 'is invalid'}`;
  return { message, field };
}

/**
 * Errors the router raises before any route runs. Without this Fastify answers them in its own shape, and echoes the
 * address back. An over-long path part cannot be any object's id, so it answers like an unknown id.
 */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, 404, { error: { code: 'NOT_FOUND', message: 'Nothing here has an id that long' } });
  }
  const message = err.code === 'FST_ERR_BAD_URL'
    ? 'The address is not valid: it holds a malformed percent-encoding'
    : 'The request could not be routed';
  return send(reply, 400, { error: { code: 'BAD_REQUEST', message } });
}

/** The one JSON error shape {error: {code, message}}; no stack trace ever leaves the server. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.details) body.error.details = err.details;
      return send(reply, err.statusCode, body, err.headers);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const { message, field } = describeValidation(fe);
      return send(reply, 400, {
        error: { code: 'VALIDATION_FAILED', message, ...(field ? { details: { field } } : {}) },
      });
    }
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return send(reply, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The upload is larger than this server accepts' } });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return send(reply, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (application/json) or, for uploads, multipart/form-data' } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      const message = fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
        ? 'The request body is not valid JSON'
        : fe.message;
      return send(reply, fe.statusCode, { error: { code, message } });
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' } });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
