import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NoContent } from '../../../http/schema-types.js';
import { requireAdmin } from '../../../http/auth-context.js';
import type { UsageAnalytics } from './service.js';
import { AnalyticsReport, EventBody, ReportQuery } from './schemas.js';
import { ANONYMOUS } from '../../../http/rate-limit.js';

/** Set by the studio only after the person accepts analytics in the cookie banner. */
export const ANALYTICS_COOKIE = 'atelier_analytics';

/**
 *   POST /analytics/events {feature} → 204; counted only when the analytics cookie is present
 *   GET  /admin/analytics?days=30     → {days: [...]} daily aggregates (admins)
 */
export function analyticsRoutes(analytics: UsageAnalytics) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['analytics'];

    app.post('/analytics/events', { config: ANONYMOUS, schema: { tags, security: [], body: EventBody, response: { 204: NoContent } } }, async (request, reply) => {
      if (request.cookies[ANALYTICS_COOKIE] === '1') {
        await analytics.recordEvent(request.body.feature, { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      }
      return reply.status(204).send();
    });

    app.get('/admin/analytics', {
      schema: { tags, querystring: ReportQuery, response: { 200: AnalyticsReport } },
    }, async (request) => {
      requireAdmin(request);
      return { days: await analytics.report(request.query.days) };
    });
  };
}
