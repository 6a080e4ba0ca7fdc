import type { FastifyInstance } from 'fastify';
import { metricsAccess } from '../../http/metrics-access.js';
import type { Services } from '../../services.js';
import { unavailable, type Dependency } from './readiness.js';
import { SystemRepository } from './repository.js';

export function systemRoutes(services: Pick<Services, 'db' | 'metrics' | 'queue' | 'bus' | 'blobs' | 'auth' | 'config'>) {
  const system = new SystemRepository(services.db);
  const dependencies: Dependency[] = [
    { name: 'database', check: () => system.ping() },
    { name: 'job queue', check: () => services.queue.ready() },
    { name: 'event bus', check: () => services.bus.ready() },
    { name: 'blob store', check: () => services.blobs.ready() },
  ];
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

    // For a load balancer: 200 when every back-end this process uses answers, else 503 naming those that do not.
    app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
      const down = await unavailable(dependencies);
      if (down.length === 0) return { status: 'ready' };
      request.log.warn({ down }, 'not ready');
      const names = down.map((d) => d.slice(0, d.indexOf(':')));
      return reply.status(503).send({ error: { code: 'NOT_READY', message: `Not reachable: ${names.join(', ')}` } });
    });

    const mayReadMetrics = metricsAccess(services.auth, services.config.metricsToken);
    app.get('/metrics', { schema: { hide: true }, onRequest: mayReadMetrics }, async (_request, reply) => {
      reply.type(services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    });
  };
}
