import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normaliseError, type NormalisedError } from '../../http/error-handler.js';
import type { AppError } from '../../http/errors.js';

/** A provider's error body for one of Atelier's errors. */
export type ErrorShaper = (e: NormalisedError) => unknown;

/**
 * Answers every error of the endpoints registered in `app` in the provider's shape. `x-should-retry: false` tells
 * the official clients not to send again on their own: a request is a new generation, never idempotent.
 */
export function answerErrorsAs(app: FastifyInstance, shape: ErrorShaper): void {
  const send = (reply: FastifyReply, e: NormalisedError) => {
    if (e.headers) reply.headers(e.headers);
    return reply.status(e.status).header('x-should-retry', 'false').type('application/json').send(shape(e));
  };
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const known = err instanceof GenerationFailure ? err.failure : normaliseError(err);
    if (known) return send(reply, known);
    request.log.error({ err }, 'unhandled error');
    return send(reply, { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' });
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, { status: 404, code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url.split('?')[0]}` }));
}

/** A generation that ended without images for the caller, answered as the provider would answer a failed call. */
export class GenerationFailure extends Error {
  constructor(readonly failure: NormalisedError) {
    super(failure.message);
  }
}
