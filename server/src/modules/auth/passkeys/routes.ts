import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Config } from '../../../config.js';
import type { Passkey } from '../../../db/schema.js';
import { clientInfo, requireAuth, SESSION_COOKIE } from '../../../http/auth-context.js';
import { NoContent } from '../../../http/schema-types.js';
import { iso } from '../../../lib/personal-data.js';
import type { PolicyNoticePort } from '../routes.js';
import { SessionResponse } from '../schemas.js';
import { sessionAnswer } from '../session-reply.js';
import {
  CeremonyOptions, PasskeyIdParams, PasskeyLoginBody, PasskeySchema, RegisterPasskeyBody, RenamePasskeyBody,
} from './schemas.js';
import type { PasskeyService } from './service.js';

export const passkeyView = (p: Passkey) => ({
  id: p.id,
  name: p.name,
  backedUp: p.backed_up === 1,
  createdAt: iso(p.created_at) as string,
  lastUsedAt: iso(p.last_used_at),
});

/** A person's passkeys under /me/passkeys, and the passkey sign-in under /auth/passkey. */
export function passkeyRoutes(passkeys: PasskeyService, config: Config, policy?: PolicyNoticePort) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['auth'];

    app.get('/me/passkeys', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(PasskeySchema) }) } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      return { items: (await passkeys.list(user.id)).map(passkeyView) };
    });

    app.post('/me/passkeys/options', { schema: { tags, response: { 200: CeremonyOptions } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      return passkeys.registrationOptions(user);
    });

    app.post('/me/passkeys', { schema: { tags, body: RegisterPasskeyBody, response: { 201: PasskeySchema } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      // Transports are passed through as the browser names them (a newer browser may know more than the library).
      const passkey = await passkeys.register(user, request.body.credential as RegistrationResponseJSON, request.body.name);
      return reply.status(201).send(passkeyView(passkey));
    });

    app.patch('/me/passkeys/:id', { schema: { tags, params: PasskeyIdParams, body: RenamePasskeyBody, response: { 204: NoContent } } },
      async (request, reply) => {
        const { user } = requireAuth(request, 'account');
        await passkeys.rename(user.id, request.params.id, request.body.name);
        return reply.status(204).send();
      });

    app.delete('/me/passkeys/:id', { schema: { tags, params: PasskeyIdParams, response: { 204: NoContent } } }, async (request, reply) => {
      const { user } = requireAuth(request, 'account');
      await passkeys.remove(user.id, request.params.id);
      return reply.status(204).send();
    });

    app.post('/auth/passkey/options', { schema: { tags, response: { 200: CeremonyOptions } } }, async (request) => passkeys.loginOptions(clientInfo(request)));

    app.post('/auth/passkey/login', { schema: { tags, body: PasskeyLoginBody, response: { 200: SessionResponse } } }, async (request, reply) => {
      const issued = await passkeys.login(request.body.credential, clientInfo(request), request.cookies[SESSION_COOKIE]);
      return sessionAnswer(config, policy, request, reply, issued);
    });
  };
}
