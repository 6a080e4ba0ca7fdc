import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { SystemRepository } from './repository.js';

export function systemRoutes(services: Pick<Services, 'db' | 'metrics'>) {
  const system = new SystemRepository(services.db);
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      try {
        await system.ping();
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
