import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { EngineRegistry } from '../../../engines/registry.js';
import { privacyFacts } from './privacy-facts.js';
import { renderPrivacyPage } from './privacy-page.js';

/** GET /privacy: the policy as server-rendered HTML (not the studio app), written from the live configuration. */
export function privacyPage(config: Config, engines: Pick<EngineRegistry, 'list'>) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/privacy', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderPrivacyPage(privacyFacts(config, engines.list()))),
    );
  };
}
