import type { FastifyInstance } from 'fastify';
import type { LimitName, RateLimits } from '../modules/limits/rate-limits.js';

const GENERATES: LimitName[] = ['generation-address'];
const UPLOADS: LimitName[] = ['upload-address'];

/**
 * Routes limited per address before their handler runs, signed in or not (the per-person limits sit in the
 * services): sign-up and the anonymous endpoints, every route that starts a job or stores an upload, and messages
 * to support, so that many accounts from one address cannot multiply the per-person rate.
 */
export const BY_ADDRESS: Readonly<Record<string, readonly LimitName[]>> = {
  'POST /api/v1/auth/signup': ['signup'],
  'POST /api/v1/analytics/events': ['anonymous'],
  'POST /api/v1/generations': GENERATES,
  'POST /api/v1/edits': GENERATES,
  'POST /api/v1/generations/:id/rerun': GENERATES,
  'POST /api/v1/batches': GENERATES,
  'POST /api/v1/workflows/:id/runs': GENERATES,
  'POST /v1/images/generations': GENERATES,
  'POST /v1/images/edits': [...GENERATES, ...UPLOADS],
  'POST /api/v3/images/generations': GENERATES,
  'POST /api/v1/assets': UPLOADS,
  'POST /api/v1/assets/masks': UPLOADS,
  'POST /api/v1/support': ['support-address'],
};

export function registerAddressLimits(app: FastifyInstance, limits: RateLimits): void {
  app.addHook('onRequest', async (request) => {
    for (const limit of BY_ADDRESS[`${request.method} ${request.routeOptions.url}`] ?? []) await limits.take(limit, request.ip);
  });
}
