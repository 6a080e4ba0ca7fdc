import type { FastifyInstance } from 'fastify';
import { requireAdmin, requireAuth } from '../../http/auth-context.js';
import { AdminEngineListSchema, EngineListSchema } from '../../engines/schemas.js';
import type { EngineHealth } from '../../engines/health.js';
import type { EngineRegistry } from '../../engines/registry.js';

export function engineRoutes(engines: EngineRegistry, health: EngineHealth) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/engines', { schema: { tags: ['engines'], summary: 'The engines you can use and what each can do', response: { 200: EngineListSchema } } }, async (request) => {
      requireAuth(request, 'images');
      return { default: engines.defaultId, items: engines.list() };
    });

    /** Admins only: each engine's health (calls, error rate, last success, last error). Never a key. */
    app.get('/admin/engines', { schema: { tags: ['engines', 'admin'], summary: "Each engine's health over the last 24 hours (admins)", response: { 200: AdminEngineListSchema } } }, async (request) => {
      requireAdmin(request);
      const items = await Promise.all(engines.list().map(async (e) => ({
        id: e.id, name: e.name, model: e.model ?? null, neural: e.neural, health: await health.report(e.id),
      })));
      return { items };
    });
  };
}
