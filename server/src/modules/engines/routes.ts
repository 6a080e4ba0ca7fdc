import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/auth-context.js';
import type { EngineRegistry } from '../../engines/registry.js';

export function engineRoutes(engines: EngineRegistry) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/engines', { schema: { tags: ['engines'] } }, async (request) => {
      requireAuth(request);
      return { default: engines.defaultId, items: engines.list() };
    });
  };
}
