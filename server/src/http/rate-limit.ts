import type { FastifyInstance } from 'fastify';
import type { LimitName, RateLimits } from '../modules/limits/rate-limits.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Limits taken per client address before the route's handler runs, signed in or not (see `byAddress`). */
    addressLimits?: readonly LimitName[];
  }
}

/**
 * A route's `config` that limits it per address: sign-up and every endpoint anyone may call, and every route that
 * starts a job or stores an upload, so that many accounts from one address cannot multiply the per-person rate
 * (the per-person limits sit in the services).
 */
export const byAddress = (...limits: LimitName[]) => ({ addressLimits: limits });

/** Routes that start a job: generations and edits share one bucket per address. */
export const GENERATES = byAddress('generation-address');
/** Routes that store an upload. */
export const UPLOADS = byAddress('upload-address');
/** Endpoints anyone may call without an account (recovery, verification, the second step of a login, analytics). */
export const ANONYMOUS = byAddress('anonymous');

const limitedRoutes = new WeakMap<FastifyInstance, Map<string, readonly LimitName[]>>();

/** Each route that declares address limits, as "METHOD /url" → its limits (what the limits test checks). */
export function addressLimitedRoutes(app: FastifyInstance): ReadonlyMap<string, readonly LimitName[]> {
  return limitedRoutes.get(app) ?? new Map();
}

export function registerAddressLimits(app: FastifyInstance, limits: RateLimits): void {
  const routes = new Map<string, readonly LimitName[]>();
  limitedRoutes.set(app, routes);
  app.addHook('onRoute', (route) => {
    const declared = route.config?.addressLimits;
    if (!declared?.length) return;
    for (const method of [route.method].flat()) routes.set(`${method} ${route.url}`, declared);
  });
  app.addHook('onRequest', async (request) => {
    for (const limit of request.routeOptions.config.addressLimits ?? []) await limits.take(limit, request.ip);
  });
}
