import Stripe from 'stripe';
import type { StripeConfig } from './billing-config.js';

/** A Stripe client of this server's account; the API base comes from ATELIER_STRIPE_API_BASE in tests only. */
export function createStripeClient(config: StripeConfig): Stripe {
  const base = config.apiBase;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 1,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' } : {}),
  });
}

export interface CheckoutRequest {
  customerId: string;
  userId: string;
  priceId: string;
  mode: 'subscription' | 'payment';
  /** What the person buys: the plan or credit pack id, read back from the completed session. */
  metadata: { plan?: string; credit_pack?: string };
  returnUrl: string;
}

/** The few Stripe calls Atelier makes. Card data never passes through here: people pay on Stripe's own pages. */
export class StripeGateway {
  constructor(readonly client: Stripe, private readonly webhookSecret: string | undefined) {}

  async createCustomer(userId: string, email: string): Promise<string> {
    const customer = await this.client.customers.create({ email, metadata: { user_id: userId } });
    return customer.id;
  }

  async checkoutUrl(r: CheckoutRequest): Promise<string> {
    const session = await this.client.checkout.sessions.create({
      mode: r.mode,
      customer: r.customerId,
      client_reference_id: r.userId,
      line_items: [{ price: r.priceId, quantity: 1 }],
      metadata: { user_id: r.userId, ...r.metadata },
      success_url: `${r.returnUrl}?checkout=done`,
      cancel_url: `${r.returnUrl}?checkout=canceled`,
    });
    if (!session.url) throw new Error('Stripe answered a Checkout Session without a URL');
    return session.url;
  }

  async portalUrl(customerId: string, returnUrl: string): Promise<string> {
    const session = await this.client.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
    return session.url;
  }

  async subscriptionStatus(subscriptionId: string): Promise<string> {
    return (await this.client.subscriptions.retrieve(subscriptionId)).status;
  }

  /** Ends the subscription now; one already canceled or gone has nothing left to stop. */
  async cancelSubscription(subscriptionId: string): Promise<void> {
    await this.client.subscriptions.cancel(subscriptionId).catch(unlessGone);
  }

  /** Ends the subscription now and removes the customer (and their saved payment methods) at Stripe. */
  async forget(customerId: string, subscriptionId: string | null): Promise<void> {
    if (subscriptionId) await this.cancelSubscription(subscriptionId);
    await this.client.customers.del(customerId).catch(unlessGone);
  }

  /** The event, if the signature over the raw body is valid; throws otherwise. */
  verify(rawBody: Buffer, signature: string | undefined): Stripe.Event {
    if (!this.webhookSecret) throw new Error('ATELIER_STRIPE_WEBHOOK_SECRET is not set');
    return this.client.webhooks.constructEvent(rawBody, signature ?? '', this.webhookSecret);
  }
}

/** Stripe answers a request about what is already canceled or deleted with an invalid-request error. */
function unlessGone(err: unknown): void {
  if (!(err instanceof Stripe.errors.StripeInvalidRequestError)) throw err;
}
