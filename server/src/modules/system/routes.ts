import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Services } from '../../services.js';

export function systemRoutes(services: Pick<Services, 'db' | 'metrics'>) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      try {
        await sql`select 1`.execute(services.db);
        return { status: 'ready' };
      } catch {
        return reply.status(503).send({ error: { code: 'NOT_READY', message: 'The database is not reachable' } });
      }
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    });
  };
}
