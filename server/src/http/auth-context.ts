import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Session, User } from '../db/schema.js';
import type { AuthService, ClientInfo } from '../modules/auth/service.js';
import { truncateIp, summariseUserAgent } from './client-info.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'atelier_session';
export const CSRF_COOKIE = 'atelier_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a request may do. A browser session may do everything its user may; an API credential only what it was
 * granted. `account` (password, deletion, credentials, consents) and `admin` are never granted to a credential.
 */
export type Scope = 'images' | 'library' | 'account:read' | 'account' | 'admin';

export interface AuthContext {
  user: User;
  /** The browser session (cookie); null for a request made with an API token. */
  session: Session | null;
  /** The API token (`Authorization: Bearer`) the request was made with; null for a browser session. */
  tokenId: string | null;
  /** The scopes this request carries: every scope for a browser session. */
  scopes: 'all' | ReadonlySet<Scope>;
}

/** Resolves an API token's secret (modules/tokens); undefined when unknown, revoked, expired or its account inactive. */
export interface BearerAuthenticator {
  authenticate(secret: string): Promise<{ user: User; tokenId: string; scopes: ReadonlySet<Scope> } | undefined>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * The secret of an `Authorization: Bearer <secret>` header ('' when it is empty); undefined when the request has no
 * bearer header (another scheme, such as a proxy's Basic auth in front of the studio, leaves the cookie in charge).
 */
export function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !/^bearer(\s|$)/i.test(header)) return undefined;
  return header.slice(6).trim();
}

async function resolveBearer(request: FastifyRequest, tokens: BearerAuthenticator, secret: string): Promise<void> {
  const resolved = secret ? await tokens.authenticate(secret) : undefined;
  if (resolved) request.auth = { user: resolved.user, session: null, tokenId: resolved.tokenId, scopes: resolved.scopes };
}

/**
 * Resolves the credential of every request. A request with an `Authorization: Bearer` header is judged by that
 * token alone (cookies are ignored; a browser never sends the header by itself, so no CSRF check is needed).
 * Otherwise the session cookie: cookie-authenticated writes must echo the CSRF cookie in the x-csrf-token header
 * (double submit), and it must be the token issued with that session.
 */
export function registerAuthContext(app: FastifyInstance, auth: AuthService, tokens?: BearerAuthenticator): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const secret = bearerSecret(request);
    if (secret !== undefined) {
      if (tokens) await resolveBearer(request, tokens, secret);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await auth.authenticate(token);
    if (!resolved) return;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      if (typeof header !== 'string' || !cookie || !sameToken(header, cookie) || !sameToken(header, resolved.session.csrf_token)) {
        throw new AppError('CSRF_FAILED', `This request needs the ${CSRF_HEADER} header set to the value of the ${CSRF_COOKIE} cookie.`);
      }
    }
    request.auth = { ...resolved, tokenId: null, scopes: 'all' };
  });
}

/** For endpoints that take API tokens only (the OpenAI- and Seedream-compatible ones): the bearer token, if any. */
export function registerBearerAuth(app: FastifyInstance, tokens: BearerAuthenticator): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const secret = bearerSecret(request);
    if (secret) await resolveBearer(request, tokens, secret);
  });
}

/** The signed-in person, if the request carries `scope`; 401 when nobody is signed in, 403 when the scope is missing. */
export function requireAuth(request: FastifyRequest, scope: Scope): AuthContext {
  const auth = request.auth;
  if (!auth) {
    if (bearerSecret(request) !== undefined) {
      throw new AppError('UNAUTHENTICATED', 'This API token is unknown, revoked or expired (or its account is not active). Make a new one in Settings → API tokens.');
    }
    throw new AppError('UNAUTHENTICATED', 'Please log in first.');
  }
  if (auth.scopes !== 'all' && !auth.scopes.has(scope)) {
    throw new AppError('FORBIDDEN', `This credential lacks the "${scope}" scope; create one that has it.`);
  }
  return auth;
}

/** The signed-in person in a browser session (password, sessions, credentials): scope `account`, never a token. */
export function requireSession(request: FastifyRequest): AuthContext & { session: Session } {
  const auth = requireAuth(request, 'account');
  if (!auth.session) throw new AppError('FORBIDDEN', 'This needs you signed in to the studio; an API token cannot do it.');
  return auth as AuthContext & { session: Session };
}

/** The signed-in admin (a browser session: credentials never carry `admin`), or 401/403. */
export function requireAdmin(request: FastifyRequest): AuthContext {
  const auth = requireAuth(request, 'admin');
  if (auth.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators can see this.');
  return auth;
}

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: truncateIp(request.ip), userAgent: summariseUserAgent(request.headers['user-agent']) };
}

export function setSessionCookies(reply: FastifyReply, config: Config, request: FastifyRequest, token: string, csrf: string, maxAgeSeconds: number): void {
  const secure = config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds });
  reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds });
}

/**
 * Signs this browser out: the session cookies go, and so does the browser's cache of this site. Images are cached
 * for a year as immutable (they never change under their id), so without this a shared computer would keep a
 * person's images on disk after they logged out or deleted their account.
 */
export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
  reply.header('clear-site-data', '"cache"');
}
