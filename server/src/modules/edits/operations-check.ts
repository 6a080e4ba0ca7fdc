import type { FastifyRequest } from 'fastify';
import { EngineInputError } from '@atelier/engine-builtin';
import { AppError } from '../../http/errors.js';
import { validateOperations } from './edit-ops.js';

/**
 * A route's preValidation hook for a body with `operations`: a list the classic editor refuses is answered with its
 * message naming each problem ("operations[1] (blur): sigma must be a number from 0.3 to 100") rather than the
 * schema's "must match a schema in anyOf". What it accepts, the route schema checks as usual.
 */
export async function explainOperations(request: FastifyRequest): Promise<void> {
  const operations = (request.body as { operations?: unknown } | undefined)?.operations;
  if (!Array.isArray(operations) || operations.length === 0) return;
  try {
    validateOperations(operations);
  } catch (err) {
    if (err instanceof EngineInputError) throw new AppError('INVALID_OPERATIONS', err.message, { field: 'operations' });
    throw err;
  }
}
