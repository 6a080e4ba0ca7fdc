import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { CHALLENGE_TTL_MS } from './service.js';

/** Binds a login waiting for its second factor to this browser; only its hash is stored (mfa_challenges). */
export const MFA_COOKIE = 'atelier_mfa';
const PATH = '/api/v1/auth';

export function setMfaCookie(reply: FastifyReply, config: Config, request: FastifyRequest, token: string): void {
  const secure = config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https');
  reply.setCookie(MFA_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: PATH, maxAge: CHALLENGE_TTL_MS / 1000 });
}

export function clearMfaCookie(reply: FastifyReply): void {
  reply.clearCookie(MFA_COOKIE, { path: PATH });
}
