import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { setSessionCookies } from '../../http/auth-context.js';
import { DAY_MS } from '../../lib/clock.js';
import type { PolicyNoticePort } from './routes.js';
import { toPublicUser, type IssuedSession } from './service.js';

/** Sets the cookies of a session a sign-in method issued (passkey, OpenID Connect), as the password login does. */
export function startBrowserSession(config: Config, request: FastifyRequest, reply: FastifyReply, issued: IssuedSession): void {
  setSessionCookies(reply, config, request, issued.token, issued.csrfToken, (config.sessionTtlDays * DAY_MS) / 1000);
}

/** The body of a sign-in's answer (SessionResponse), with the cookies set. */
export async function sessionAnswer(config: Config, policy: PolicyNoticePort | undefined, request: FastifyRequest, reply: FastifyReply,
  issued: IssuedSession) {
  startBrowserSession(config, request, reply, issued);
  const user = { ...toPublicUser(issued.user), policyNotice: (await policy?.noticeFor(issued.user)) ?? null };
  return { user, csrfToken: issued.csrfToken, ...(issued.deletionCanceled ? { deletionCanceled: true } : {}) };
}
