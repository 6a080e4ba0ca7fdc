import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../../config.js';
import { clientInfo, SESSION_COOKIE } from '../../../http/auth-context.js';
import { AppError } from '../../../http/errors.js';
import { Nullable } from '../../../http/schema-types.js';
import { setMfaCookie } from '../mfa/cookie.js';
import { startBrowserSession } from '../session-reply.js';
import { CALLBACK_PATH, OIDC_FLOW_MS, OidcRefused, type OidcService } from './service.js';

/** Holds the state of a sign-in under way, for the callback to compare (only the callback's path ever sees it). */
const STATE_COOKIE = 'atelier_oidc_state';
const COOKIE_PATH = '/api/v1/auth/oidc';
/** Where the studio shows why a sign-in was refused (the reason code, in the person's language). */
const refusedAt = (reason: string) => `/login?ssoError=${encodeURIComponent(reason)}`;

/** Where the studio asks for the second factor of a sign-in the provider completed. */
const SECOND_FACTOR_PAGE = '/login?mfa=1';

const Redirect = { type: 'null', description: 'A redirect (302) the browser follows' } as const;

/** GET /auth/oidc (is it on, and the button's label), and, when it is on, the sign-in's start and callback. */
export function oidcRoutes(oidc: OidcService | undefined, config: Config) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['auth'];
    const secure = (request: FastifyRequest) =>
      config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https');
    const refuse = (reply: FastifyReply, reason: string) => {
      reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
      return reply.redirect(refusedAt(reason), 302);
    };

    app.get('/auth/oidc', {
      schema: { tags, response: { 200: Type.Object({ enabled: Type.Boolean(), buttonLabel: Nullable(Type.String()) }) } },
    }, async () => ({ enabled: oidc !== undefined, buttonLabel: oidc?.buttonLabel ?? null }));

    app.get('/auth/oidc/start', { schema: { tags, response: { 302: Redirect } } }, async (request, reply) => {
      if (!oidc) throw new AppError('NOT_FOUND', 'Single sign-on is not set up on this Atelier.');
      try {
        const { url, state } = await oidc.start(clientInfo(request));
        reply.setCookie(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: COOKIE_PATH, maxAge: OIDC_FLOW_MS / 1000 });
        return reply.redirect(url, 302);
      } catch (err) {
        if (err instanceof OidcRefused) return refuse(reply, err.reason);
        throw err;
      }
    });

    app.get(CALLBACK_PATH.slice('/api/v1'.length), {
      schema: { tags, querystring: Type.Object({}, { additionalProperties: Type.String({ maxLength: 4096 }) }), response: { 302: Redirect } },
    }, async (request, reply) => {
      if (!oidc) throw new AppError('NOT_FOUND', 'Single sign-on is not set up on this Atelier.');
      try {
        const callbackUrl = new URL(request.url, config.privacy.publicUrl);
        const issued = await oidc.finish(callbackUrl, request.cookies[STATE_COOKIE], clientInfo(request), request.cookies[SESSION_COOKIE]);
        reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
        if ('mfaRequired' in issued) {
          // The provider proved the first factor only: the studio asks for the code, as after a right password.
          setMfaCookie(reply, config, request, issued.challengeToken);
          return reply.redirect(SECOND_FACTOR_PAGE, 302);
        }
        startBrowserSession(config, request, reply, issued);
        // The studio shows the notice a password login shows when it withdrew a pending deletion.
        return reply.redirect(issued.deletionCanceled ? '/?deletionCanceled=1' : '/', 302);
      } catch (err) {
        if (err instanceof OidcRefused) return refuse(reply, err.reason);
        throw err;
      }
    });
  };
}
