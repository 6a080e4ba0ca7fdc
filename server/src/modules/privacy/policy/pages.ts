import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { EngineRegistry } from '../../../engines/registry.js';
import { privacyFacts } from './privacy-facts.js';
import { renderPrivacyPage } from './privacy-page.js';
import { headerLanguage } from '../../../http/request-language.js';
import { isLanguage } from '../../../lib/language.js';

/** ?lang= names the language; one Atelier does not speak falls back to the browser's. */
const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })) });

/**
 * GET /privacy: the policy as server-rendered HTML (not the studio app), written from the live configuration, in the
 * language of ?lang= (en, zh), else the one the browser asks for.
 */
export function privacyPage(config: Config, engines: Pick<EngineRegistry, 'list'>) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/privacy', { schema: { hide: true, querystring: PageQuery } }, async (request, reply) => {
      const asked = (request.query as { lang?: string }).lang;
      const language = isLanguage(asked) ? asked : headerLanguage(request);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-language')
        .send(renderPrivacyPage(privacyFacts(config, engines.list()), language));
    });
  };
}
