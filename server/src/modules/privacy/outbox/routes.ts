import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../../http/errors.js';
import { escapeHtml, htmlPage } from '../policy/html.js';
import { requireAdmin } from '../../../http/auth-context.js';
import type { Outbox } from './service.js';
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

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer').send(htmlPage(title, body));
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
    app.setErrorHandler((err, _request, reply) => {
      if (err instanceof AppError && err.code === 'INVALID_UNSUBSCRIBE_LINK') {
        return page(reply, 400, 'Link not valid', `<h1>This link is not valid</h1><p>${escapeHtml(err.message)}</p>`);
      }
      throw err;
    });
    const schema = { hide: true, querystring: TokenQuery };

    app.get('/unsubscribe', { schema }, async (request, reply) => {
      unsubscriber.check(request.query.token);
      const action = `/unsubscribe?token=${encodeURIComponent(request.query.token)}`;
      return page(reply, 200, 'Unsubscribe', `<h1>Stop product news and tips?</h1>
<p>You will no longer receive optional emails such as product news and tips. Essential messages about your account's
security and changes to our privacy policy are still sent.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>`);
    });

    app.post('/unsubscribe', { schema }, async (request, reply) => {
      await unsubscriber.unsubscribe(request.query.token);
      return page(reply, 200, 'Unsubscribed', `<h1>You are unsubscribed</h1>
<p>You will no longer receive product news and tips. You can turn them on again in your account's privacy settings.</p>`);
    });
  };
}
