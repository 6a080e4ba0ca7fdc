import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clientInfo, requireAdmin, requireAuth } from '../../http/auth-context.js';
import { notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { BillingSummarySchema, CreditAdjustmentAnswer, CreditAdjustmentBody, UserIdParams } from './schemas.js';

export function billingRoutes({ billing, users, accounts }: Pick<Services, 'billing' | 'users' | 'accounts'>) {
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/me/billing', { schema: { tags: ['billing'], summary: 'Your plan, credit balance, usage and renewal date', response: { 200: BillingSummarySchema } } }, async (request) =>
      billing.summary(requireAuth(request, 'account:read').user.id),
    );

    app.post('/admin/users/:id/credits', { schema: { tags: ['admin'], summary: 'Add or take credits, with a reason kept in the ledger', params: UserIdParams, body: CreditAdjustmentBody, response: { 200: CreditAdjustmentAnswer } } }, async (request) => {
      const { user } = requireAdmin(request);
      const { amount } = request.body;
      const reason = request.body.reason.trim();
      if (!(await users.findById(request.params.id))) throw notFound('User');
      const answer = await billing.adjust(request.params.id, amount, reason);
      await accounts.admin.record(user.id, 'admin.credits_adjusted', request.params.id, clientInfo(request).ip, { amount, reason });
      return answer;
    });
  };
}
