import type { FastifyRequest } from 'fastify';
import { requireAuth, type AuthContext } from '../../http/auth-context.js';
import { AppError } from '../../http/errors.js';

/** The signed-in admin, or 401/403. */
export function requireAdmin(request: FastifyRequest): AuthContext {
  const auth = requireAuth(request);
  if (auth.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators can see this.');
  return auth;
}
