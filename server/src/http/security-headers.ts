import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { PAGE_STYLE } from '../modules/privacy/policy/html.js';

/** A CSP source allowing one inline style sheet by its hash. */
export const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Security headers on every response (API, studio, docs, server-rendered pages, errors, event streams). The CSP
 * allows this origin only: the studio and the API docs load their scripts and style sheets from files here, and
 * React and Swagger UI set styles through the DOM, which CSP does not govern. The one inline style sheet of the
 * server-rendered pages is allowed by its hash. Images may also be data: (Swagger UI's icons) and blob: (previews
 * made in the browser). No `upgrade-insecure-requests`: a self-hosted instance on plain HTTP must keep working.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", sha256Source(PAGE_STYLE)],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // HSTS over plain HTTP is ignored by browsers at best; it is added below only when the request came over HTTPS.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response, as helmet sets its own: event streams write their head themselves and would lose it otherwise.
    if (request.protocol === 'https') reply.raw.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
