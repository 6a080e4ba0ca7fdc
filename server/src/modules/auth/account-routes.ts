import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { clientInfo, requireAuth, SESSION_COOKIE } from '../../http/auth-context.js';
import { AppError } from '../../http/errors.js';
import { NoContent } from '../../http/schema-types.js';
import type { Accounts } from './accounts.js';
import {
  AuthConfigSchema, Done, MfaCodeBody, MfaDisableBody, MfaStatus, PasswordResetAccepted, PasswordResetBody, PasswordResetConfirmBody,
  RecoveryCodes, TotpEnrolment, VerifyBody,
} from './account-schemas.js';
import { MFA_COOKIE } from './mfa/cookie.js';
import { type PolicyNoticePort, sessionReplier } from './routes.js';
import { SessionResponse } from './schemas.js';
import { ANONYMOUS } from '../../http/rate-limit.js';

const RESET_ACCEPTED = 'If an account uses this address, we sent it a link to choose a new password. It works for 30 minutes.';

/**
 * Recovery, verification, the second step of a login with MFA, and the second factor in Settings:
 *   GET  /auth/config                      sign-up policy and first run (before anyone signs in)
 *   POST /auth/password-reset              202 whatever the address; the email goes out after the answer
 *   POST /auth/password-reset/confirm      new password; every session and credential is revoked
 *   POST /auth/verify                      email verification link
 *   POST /auth/login/mfa                   completes a login answered {mfaRequired: true}
 *   POST /me/verification                  sends the verification link again
 *   GET  /me/mfa, POST /me/mfa/totp, POST /me/mfa/totp/confirm, POST /me/mfa/totp/disable
 */
export function accountRoutes(accounts: Accounts, config: Config, policy?: PolicyNoticePort) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['auth'];
    const { auth, recovery, mfa, signupGate } = accounts;
    const sessionAnswer = sessionReplier(config, policy);

    app.get('/auth/config', { schema: { tags, response: { 200: AuthConfigSchema } } }, async () =>
      ({ ...(await signupGate.publicView()), requireVerifiedEmail: config.accounts.requireVerifiedEmail }));

    app.post('/auth/password-reset', { config: ANONYMOUS, schema: { tags, body: PasswordResetBody, response: { 202: PasswordResetAccepted } } }, async (request, reply) => {
      recovery.requestPasswordReset(request.body.email);
      return reply.status(202).send({ message: RESET_ACCEPTED });
    });

    app.post('/auth/password-reset/confirm', { config: ANONYMOUS, schema: { tags, body: PasswordResetConfirmBody, response: { 200: Done } } }, async (request) => {
      await recovery.confirmPasswordReset(request.body.token, request.body.password);
      return { ok: true as const };
    });

    app.post('/auth/verify', { config: ANONYMOUS, schema: { tags, body: VerifyBody, response: { 200: Done } } }, async (request) => {
      await recovery.verifyEmail(request.body.token);
      return { ok: true as const };
    });

    app.post('/auth/login/mfa', { config: ANONYMOUS, schema: { tags, body: MfaCodeBody, response: { 200: SessionResponse } } }, async (request, reply) => {
      const token = request.cookies[MFA_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in with your email and password first; then give the code.');
      const { userId, method } = await mfa.completeChallenge(token, request.body.code);
      const issued = await auth.startSession(userId, clientInfo(request), { previousToken: request.cookies[SESSION_COOKIE], method: `${method}+totp` });
      return sessionAnswer(request, reply, issued);
    });

    app.post('/me/verification', { schema: { tags, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      if (user.email_verified_at !== null) throw new AppError('INVALID_STATE', 'Your address is verified already.');
      await recovery.sendVerification(user);
      return reply.status(204).send();
    });

    app.get('/me/mfa', { schema: { tags, response: { 200: MfaStatus } } }, async (request) =>
      ({ totp: await mfa.isOn(requireAuth(request, 'account:read').user.id) }));

    app.post('/me/mfa/totp', { schema: { tags, response: { 200: TotpEnrolment } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      return mfa.enrol(user.id, user.email);
    });

    app.post('/me/mfa/totp/confirm', { schema: { tags, body: MfaCodeBody, response: { 200: RecoveryCodes } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      return { recoveryCodes: await mfa.confirm(user.id, request.body.code) };
    });

    app.post('/me/mfa/totp/disable', { schema: { tags, body: MfaDisableBody, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      await mfa.disable(user.id, request.body.password, request.body.code);
      return reply.status(204).send();
    });
  };
}
