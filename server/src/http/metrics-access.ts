import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../modules/auth/service.js';
import { SESSION_COOKIE } from './auth-context.js';
import { AppError } from './errors.js';

const digest = (text: string) => crypto.createHash('sha256').update(text).digest();

/**
 * Who may read /metrics (it names routes, volumes and engines): a scraper with `Authorization: Bearer
 * <ATELIER_METRICS_TOKEN>`, or an administrator's browser session. Everyone else gets 401/403.
 */
export function metricsAccess(auth: AuthService, metricsToken: string | undefined) {
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    if (expected && typeof header === 'string' && header.startsWith('Bearer ')) {
      if (crypto.timingSafeEqual(digest(header.slice('Bearer '.length).trim()), expected)) return;
      throw new AppError('UNAUTHENTICATED', 'This metrics token is not right.');
    }
    const token = request.cookies[SESSION_COOKIE];
    const signedIn = token ? await auth.authenticate(token) : undefined;
    if (!signedIn) {
      throw new AppError('UNAUTHENTICATED', 'Metrics need an administrator session, or Authorization: Bearer with the ATELIER_METRICS_TOKEN value.');
    }
    if (signedIn.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators can see metrics.');
  };
}
