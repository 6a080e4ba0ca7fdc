import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  generations: Counter<'engine' | 'status'>;
  images: Counter<'engine'>;
}

/** One registry per app instance (tests build many apps in one process). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'atelier_http_request_duration_seconds', help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'], registers: [registry],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    generations: new Counter({
      name: 'atelier_generations_finished_total', help: 'Generations that reached a final status',
      labelNames: ['engine', 'status'], registers: [registry],
    }),
    images: new Counter({ name: 'atelier_images_stored_total', help: 'Images stored', labelNames: ['engine'], registers: [registry] }),
  };
}

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
