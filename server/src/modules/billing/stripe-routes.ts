import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireAuth } from '../../http/auth-context.js';
import { AppError } from '../../http/errors.js';
import type { StripeBilling } from './stripe-billing.js';

const UrlAnswer = Type.Object({ url: Type.String() });
const CheckoutBody = Type.Union([
  Type.Object({ plan: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ creditPack: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
]);

/** Checkout, portal and the webhook; without ATELIER_STRIPE_SECRET_KEY they answer that payments are off. */
export function stripeRoutes(stripe: StripeBilling | undefined) {
  const required = () => {
    if (!stripe) throw new AppError('NOT_FOUND', 'This server takes no payments: there is nothing to buy.');
    return stripe;
  };
  return async function (fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['billing'];

    app.post('/billing/checkout', { schema: { tags, summary: 'A Stripe Checkout page for a plan or a credit pack', body: CheckoutBody, response: { 200: UrlAnswer } } }, async (request) => {
      const { user } = requireAuth(request, 'account');
      return required().checkout(user, request.body);
    });

    app.post('/billing/portal', { schema: { tags, summary: 'The Stripe Customer Portal: payment methods, invoices, cancellation', response: { 200: UrlAnswer } } }, async (request) =>
      required().portal(requireAuth(request, 'account').user.id),
    );

    // The signature is over the exact bytes Stripe sent: this route keeps the body raw.
    await app.register(async (raw) => {
      raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      raw.post('/billing/webhook', { schema: { tags, summary: 'Stripe webhook events (signed)', security: [], response: { 200: Type.Object({ received: Type.Boolean(), outcome: Type.String() }) } } }, async (request) => {
        const signature = request.headers['stripe-signature'];
        const outcome = await required().webhook(request.body as Buffer, typeof signature === 'string' ? signature : undefined);
        return { received: true, outcome };
      });
    });
  };
}
