import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../../http/errors.js';
import { escapeHtml, htmlPage } from '../policy/html.js';
import { requireAdmin } from '../../../http/auth-context.js';
import { translateError } from '../../../http/error-messages/translate.js';
import { headerLanguage } from '../../../http/request-language.js';
import { languageTag } from '../../../lib/language.js';
import type { Outbox } from './service.js';
import { unsubscribeText } from './unsubscribe-text.js';
import type { Unsubscriber } from './unsubscribe.js';
import { OutboxPage, OutboxQuery } from './schemas.js';

/** GET /admin/outbox → {items}: every message, newest first (without SMTP, this is where emails are read). */
export function outboxAdminRoutes(outbox: Outbox) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/admin/outbox', {
      schema: { tags: ['admin'], querystring: OutboxQuery, response: { 200: OutboxPage } },
    }, async (request) => {
      requireAdmin(request);
      const { limit, status } = request.query;
      return { items: await outbox.list(limit, status as Parameters<Outbox['list']>[1]) };
    });
  };
}

const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 400 }) });

function page(request: FastifyRequest, reply: FastifyReply, status: number, title: string, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer').send(htmlPage(title, body, languageTag(headerLanguage(request))));
}

/**
 * Unsubscribe pages, outside /api (linked from emails):
 *   GET  /unsubscribe?token=   a page with a confirm button (a GET never unsubscribes: mail scanners follow links)
 *   POST /unsubscribe?token=   unsubscribes; mail clients post "List-Unsubscribe=One-Click" here (RFC 8058)
 */
export function unsubscribePages(unsubscriber: Unsubscriber) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    // RFC 8058 one-click posts are form-encoded; the body carries nothing we need beyond its presence.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err, request, reply) => {
      if (err instanceof AppError && err.code === 'INVALID_UNSUBSCRIBE_LINK') {
        const language = headerLanguage(request);
        const text = unsubscribeText(language);
        return page(request, reply, 400, text.invalidTitle, `<h1>${text.invalidHeading}</h1><p>${escapeHtml(translateError(language, err.code, err.message))}</p>`);
      }
      throw err;
    });
    const schema = { hide: true, querystring: TokenQuery };

    app.get('/unsubscribe', { schema }, async (request, reply) => {
      unsubscriber.check(request.query.token);
      const action = `/unsubscribe?token=${encodeURIComponent(request.query.token)}`;
      const text = unsubscribeText(headerLanguage(request));
      return page(request, reply, 200, text.askTitle, `<h1>${text.askHeading}</h1>
<p>${text.askBody}</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${text.button}</button></form>`);
    });

    app.post('/unsubscribe', { schema }, async (request, reply) => {
      await unsubscriber.unsubscribe(request.query.token);
      const text = unsubscribeText(headerLanguage(request));
      return page(request, reply, 200, text.doneTitle, `<h1>${text.doneHeading}</h1>
<p>${text.doneBody}</p>`);
    });
  };
}
