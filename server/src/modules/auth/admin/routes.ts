import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clientInfo, requireAdmin } from '../../../http/auth-context.js';
import { NoContent } from '../../../http/schema-types.js';
import type { Accounts } from '../accounts.js';
import {
  AdminUserPage, AdminUserQuery, AuditPage, AuditQuery, InvitationBody, InvitationList, InvitationSchema, RoleBody, SuspendBody, UserIdParams,
} from '../account-schemas.js';

/**
 * The admin console's API (administrators only; every action is audited):
 *   GET  /admin/users?q=&cursor=            accounts, searched by email or name, paged
 *   PATCH /admin/users/:id {role}
 *   POST /admin/users/:id/suspend {reason}, /unsuspend, /deletion (on the person's request), /verification
 *   GET  /admin/audit?before=               administrators' actions, newest first
 *   GET|POST /admin/invitations, DELETE /admin/invitations/:id
 */
export function adminAccountRoutes(accounts: Accounts) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['admin'];
    const { admin, signupGate } = accounts;
    const schema = { tags, params: UserIdParams, response: { 204: NoContent } };

    app.get('/admin/users', { schema: { tags, querystring: AdminUserQuery, response: { 200: AdminUserPage } } }, async (request) => {
      requireAdmin(request);
      return admin.list(request.query.q, request.query.cursor, request.query.limit);
    });

    app.patch('/admin/users/:id', { schema: { ...schema, body: RoleBody } }, async (request, reply) => {
      const { user } = requireAdmin(request);
      await admin.changeRole(user.id, request.params.id, request.body.role, clientInfo(request).ip);
      return reply.status(204).send();
    });

    app.post('/admin/users/:id/suspend', { schema: { ...schema, body: SuspendBody } }, async (request, reply) => {
      const { user } = requireAdmin(request);
      await admin.suspend(user.id, request.params.id, request.body.reason, clientInfo(request).ip);
      return reply.status(204).send();
    });

    app.post('/admin/users/:id/unsuspend', { schema }, async (request, reply) => {
      const { user } = requireAdmin(request);
      await admin.unsuspend(user.id, request.params.id, clientInfo(request).ip);
      return reply.status(204).send();
    });

    app.post('/admin/users/:id/deletion', { schema }, async (request, reply) => {
      const { user } = requireAdmin(request);
      await admin.deleteOnRequest(user.id, request.params.id, clientInfo(request).ip);
      return reply.status(204).send();
    });

    app.post('/admin/users/:id/verification', { schema }, async (request, reply) => {
      const { user } = requireAdmin(request);
      await admin.resendVerification(user.id, request.params.id, clientInfo(request).ip);
      return reply.status(204).send();
    });

    app.get('/admin/audit', { schema: { tags, querystring: AuditQuery, response: { 200: AuditPage } } }, async (request) => {
      requireAdmin(request);
      return admin.auditLog(request.query.before, request.query.limit);
    });

    app.get('/admin/invitations', { schema: { tags, response: { 200: InvitationList } } }, async (request) => {
      requireAdmin(request);
      return { items: await signupGate.listInvitations(100) };
    });

    app.post('/admin/invitations', { schema: { tags, body: InvitationBody, response: { 201: InvitationSchema } } }, async (request, reply) => {
      const { user } = requireAdmin(request);
      const invitation = await signupGate.createInvitation(user.id, request.body);
      await admin.record(user.id, 'admin.invitation_created', null, clientInfo(request).ip, { invitation: invitation.id });
      return reply.status(201).send(invitation);
    });

    app.delete('/admin/invitations/:id', { schema }, async (request, reply) => {
      const { user } = requireAdmin(request);
      await signupGate.revokeInvitation(request.params.id);
      await admin.record(user.id, 'admin.invitation_revoked', null, clientInfo(request).ip, { invitation: request.params.id });
      return reply.status(204).send();
    });
  };
}
