import type { FastifyInstance } from 'fastify';
import type { LimitName, RateLimits } from '../modules/limits/rate-limits.js';

/** Routes anyone may call, limited per address before their handler runs (per-person limits sit in the services). */
const BY_ADDRESS: Record<string, LimitName> = {
  'POST /api/v1/auth/signup': 'signup',
  'POST /api/v1/analytics/events': 'anonymous',
};

export function registerAddressLimits(app: FastifyInstance, limits: RateLimits): void {
  app.addHook('onRequest', async (request) => {
    const limit = BY_ADDRESS[`${request.method} ${request.routeOptions.url}`];
    if (limit) await limits.take(limit, request.ip);
  });
}
