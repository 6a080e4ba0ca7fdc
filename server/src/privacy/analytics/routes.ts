import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAdmin } from '../require-admin.js';
import type { UsageAnalytics } from './usage-analytics.js';

/** Set by the studio only after the person accepts analytics in the cookie banner. */
export const ANALYTICS_COOKIE = 'atelier_analytics';

const EventBody = Type.Object(
  { feature: Type.String({ pattern: '^[a-z][a-z0-9_.:-]{0,47}$', description: 'A feature name such as "gallery.open"' }) },
  { additionalProperties: false },
);
const ReportQuery = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }) }, { additionalProperties: false });
const Counts = Type.Record(Type.String(), Type.Integer());
const DayReportSchema = Type.Object({
  date: Type.String(), visitors: Type.Integer(), features: Counts, engines: Counts, styles: Counts, sizes: Counts,
});

/**
 *   POST /analytics/events {feature} → 204; counted only when the analytics cookie is present
 *   GET  /admin/analytics?days=30     → {days: [...]} daily aggregates (admins)
 */
export function analyticsRoutes(analytics: UsageAnalytics) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['analytics'];

    app.post('/analytics/events', { schema: { tags, security: [], body: EventBody } }, async (request, reply) => {
      if (request.cookies[ANALYTICS_COOKIE] === '1') {
        await analytics.recordEvent(request.body.feature, { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      }
      return reply.status(204).send();
    });

    app.get('/admin/analytics', {
      schema: { tags, querystring: ReportQuery, response: { 200: Type.Object({ days: Type.Array(DayReportSchema) }) } },
    }, async (request) => {
      requireAdmin(request);
      return { days: await analytics.report(request.query.days) };
    });
  };
}
