import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { analyticsRoutes } from './analytics/routes.js';
import { exportRoutes } from './export/routes.js';
import { outboxAdminRoutes, unsubscribePages } from './outbox/routes.js';
import { privacyPage } from './policy/pages.js';
import { policyRoutes } from './policy/routes.js';

/** Exports, policy, analytics and outbox endpoints, registered under /api/v1. */
export function dataCommsApiRoutes(services: Pick<Services, 'comms'>) {
  const { comms } = services;
  return async function (api: FastifyInstance): Promise<void> {
    await api.register(exportRoutes(comms.exports));
    await api.register(policyRoutes(comms.policy));
    await api.register(analyticsRoutes(comms.analytics));
    await api.register(outboxAdminRoutes(comms.outbox));
  };
}

/** Server-rendered pages outside the studio app: /privacy and /unsubscribe. */
export function dataCommsPages(services: Pick<Services, 'comms' | 'config' | 'engines'>) {
  return async function (app: FastifyInstance): Promise<void> {
    await app.register(privacyPage(services.config, services.engines));
    await app.register(unsubscribePages(services.comms.unsubscriber));
  };
}
