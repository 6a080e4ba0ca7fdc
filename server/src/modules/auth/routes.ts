import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { clearSessionCookies, clientInfo, requireAuth, requireSession, SESSION_COOKIE, setSessionCookies } from '../../http/auth-context.js';
import { NoContent } from '../../http/schema-types.js';
import { headerLanguage } from '../../http/request-language.js';
import { DAY_MS } from '../../lib/clock.js';
import type { Language } from '../../lib/language.js';
import {
  ChangePasswordBody, LoginBody, LoginResponse, MeSchema, PasswordChanged, SessionIdParams, SessionResponse, SessionSchema, SignupBody,
  SignupConfirmBody, SignupPendingResponse, UpdateMeBody, UserSchema,
} from './schemas.js';
import { publicSessionId, toPublicUser, type AuthService, type IssuedSession } from './service.js';
import { clearMfaCookie, setMfaCookie } from './mfa/cookie.js';
import type { User } from '../../db/schema.js';
import { ANONYMOUS, byAddress } from '../../http/rate-limit.js';

/** The notice of a material privacy policy change the person has not acknowledged yet (privacy/policy). */
export interface PolicyNoticePort {
  noticeFor(user: User): Promise<{ version: string; effectiveDate: string; summary: string } | null>;
  /** Records the policy version the person agreed to by signing up. */
  agreedAtSignup(userId: string): Promise<void>;
}

const userWithNotice = (policy?: PolicyNoticePort) => async (user: User) =>
  ({ ...toPublicUser(user), policyNotice: (await policy?.noticeFor(user)) ?? null });

/**
 * Sets the session cookies and answers with the user (SessionResponse): every way of signing in (password, second
 * factor, passkey, OpenID Connect) ends here after AuthService.startSession.
 */
export function sessionReplier(config: Config, policy?: PolicyNoticePort) {
  const maxAge = (config.sessionTtlDays * DAY_MS) / 1000;
  const withNotice = userWithNotice(policy);
  return async (request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) => {
    setSessionCookies(reply, config, request, issued.token, issued.csrfToken, maxAge);
    clearMfaCookie(reply);
    const answer = { user: await withNotice(issued.user), csrfToken: issued.csrfToken };
    return issued.deletionCanceled ? { ...answer, deletionCanceled: true } : answer;
  };
}

const SIGNUP_PENDING: Record<Language, string> = {
  en: 'Check your email: we sent a link to finish creating your account. It works for 48 hours.',
  zh: '请查收邮件：我们已发送一个完成注册的链接，48 小时内有效。',
};

export function authRoutes(auth: AuthService, config: Config, policy?: PolicyNoticePort) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['auth'];

    const withNotice = userWithNotice(policy);
    const sessionAnswer = sessionReplier(config, policy);

    // 201 with a session for the first account and an invited one; 202 for an open sign-up, whatever the address.
    app.post('/auth/signup', {
      config: byAddress('signup'),
      schema: { tags, body: SignupBody, response: { 201: SessionResponse, 202: SignupPendingResponse } },
    }, async (request, reply) => {
      const language = request.body.language ?? headerLanguage(request);
      const result = await auth.signup({ ...request.body, language }, clientInfo(request));
      if ('pending' in result) return reply.status(202).send({ pending: true as const, message: SIGNUP_PENDING[language] });
      await policy?.agreedAtSignup(result.user.id);
      return reply.status(201).send(await sessionAnswer(request, reply, result));
    });

    app.post('/auth/signup/confirm', { config: ANONYMOUS, schema: { tags, body: SignupConfirmBody, response: { 201: SessionResponse } } }, async (request, reply) => {
      const issued = await auth.confirmSignup(request.body.token, request.body.password, clientInfo(request));
      await policy?.agreedAtSignup(issued.user.id);
      return reply.status(201).send(await sessionAnswer(request, reply, issued));
    });

    app.post('/auth/login', { schema: { tags, body: LoginBody, response: { 200: LoginResponse } } }, async (request, reply) => {
      const result = await auth.login(request.body, clientInfo(request), request.cookies[SESSION_COOKIE]);
      if ('mfaRequired' in result) {
        setMfaCookie(reply, config, request, result.challengeToken);
        return { mfaRequired: true as const };
      }
      return sessionAnswer(request, reply, result);
    });

    app.post('/auth/logout', { schema: { tags, response: { 204: NoContent } } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      // Only a request signed in by this cookie ends its session (a bearer request ignores cookies).
      if (token && request.auth?.session) await auth.logout(token);
      clearSessionCookies(reply);
      return reply.status(204).send();
    });

    app.get('/me', { schema: { tags, response: { 200: MeSchema } } }, async (request) => {
      return withNotice(requireAuth(request, 'account:read').user);
    });

    app.patch('/me', { schema: { tags, body: UpdateMeBody, response: { 200: UserSchema } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      const { preferences, ...rest } = request.body;
      return toPublicUser(await auth.updateProfile(user.id, { ...rest, ...preferences }, clientInfo(request)));
    });

    app.post('/me/password', { schema: { tags, body: ChangePasswordBody, response: { 200: PasswordChanged } } }, async (request) => {
      const { user, session } = requireSession(request);
      const revoked = await auth.changePassword(user.id, session.id, request.body.currentPassword, request.body.newPassword, clientInfo(request));
      return { revokedSessions: revoked };
    });

    app.get('/me/sessions', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(SessionSchema) }) } } }, async (request) => {
      const { user, session } = requireSession(request);
      const list = await auth.listSessions(user.id);
      return {
        items: list.map((s) => ({
          id: publicSessionId(s),
          current: s.id === session.id,
          device: s.user_agent,
          ip: s.ip,
          createdAt: new Date(s.created_at).toISOString(),
          lastSeenAt: new Date(s.last_seen_at).toISOString(),
        })),
      };
    });

    app.delete('/me/sessions/:id', { schema: { tags, params: SessionIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      await auth.revokeSession(user.id, request.params.id);
      return reply.status(204).send();
    });
  };
}
