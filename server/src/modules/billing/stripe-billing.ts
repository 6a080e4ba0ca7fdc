import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import type { Clock } from '../../lib/clock.js';
import type { PlanCatalog } from './plans.js';
import type { BillingRepository } from './repository.js';
import type { StripeGateway } from './stripe-gateway.js';
import { StripeEvents, type EventOutcome, type FailedPurchase } from './stripe-events.js';

/** Tells the person that a delayed payment failed (the outbox's account notices). */
export interface PaymentNotices {
  paymentFailed(userId: string, purchase: FailedPurchase): Promise<void>;
}

export type Purchase = { plan: string } | { creditPack: string };

/** Selling plans and credit packs through Stripe Checkout, the Customer Portal, and Stripe's webhook events. */
export class StripeBilling {
  private readonly events: StripeEvents;

  constructor(
    db: Db,
    private readonly repo: BillingRepository,
    private readonly catalog: PlanCatalog,
    private readonly gateway: StripeGateway,
    private readonly clock: Clock,
    private readonly returnUrl: string,
    notices?: PaymentNotices,
  ) {
    this.events = new StripeEvents(db, repo, catalog, {
      subscriptionStatus: (id) => gateway.subscriptionStatus(id),
      paymentFailed: (userId, purchase) => notices?.paymentFailed(userId, purchase) ?? Promise.resolve(),
    });
  }

  async checkout(user: { id: string; email: string }, purchase: Purchase): Promise<{ url: string }> {
    const item = this.priced(purchase);
    const customerId = await this.customerOf(user);
    const url = await this.gateway.checkoutUrl({
      customerId, userId: user.id, priceId: item.priceId, mode: item.mode, metadata: item.metadata, returnUrl: this.returnUrl,
    });
    return { url };
  }

  async portal(userId: string): Promise<{ url: string }> {
    const account = await this.repo.findAccount(userId);
    if (!account?.stripe_customer_id) {
      throw new AppError('INVALID_STATE', 'You have nothing to manage yet: buy a plan or credits first.');
    }
    return { url: await this.gateway.portalUrl(account.stripe_customer_id, this.returnUrl) };
  }

  /** A webhook delivery: 400 (nothing changed) unless Stripe signed exactly this body. */
  async webhook(rawBody: Buffer, signature: string | undefined): Promise<EventOutcome> {
    let event;
    try {
      event = this.gateway.verify(rawBody, signature);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'The Stripe-Signature header does not match this body and the webhook secret.');
    }
    return this.events.apply(event, this.clock.now());
  }

  /**
   * A deletion request: the subscription ends at once (not at the purge, after the grace period). Canceling
   * again later (the purge, a webhook) finds it canceled, which is fine.
   */
  async cancelSubscription(userId: string): Promise<void> {
    const account = await this.repo.findAccount(userId);
    if (!account?.stripe_subscription_id || account.subscription_status === 'canceled') return;
    await this.gateway.cancelSubscription(account.stripe_subscription_id);
    await this.repo.updateAccount(userId, { subscription_status: 'canceled', renews_at: null });
  }

  /** Account deletion: the subscription ends now and Stripe forgets the customer (it keeps the invoices tax law requires). */
  async forget(userId: string): Promise<void> {
    const account = await this.repo.findAccount(userId);
    if (account?.stripe_customer_id) await this.gateway.forget(account.stripe_customer_id, account.stripe_subscription_id);
  }

  private priced(purchase: Purchase) {
    if ('plan' in purchase) {
      const plan = this.catalog.plans.find((p) => p.id === purchase.plan);
      if (!plan?.stripePriceId) throw new AppError('VALIDATION_FAILED', `There is no plan "${purchase.plan}" for sale. Plans for sale: ${this.forSale(this.catalog.plans)}.`, { field: 'plan' });
      return { priceId: plan.stripePriceId, mode: 'subscription' as const, metadata: { plan: plan.id } };
    }
    const pack = this.catalog.creditPacks.find((p) => p.id === purchase.creditPack);
    if (!pack?.stripePriceId) throw new AppError('VALIDATION_FAILED', `There is no credit pack "${purchase.creditPack}" for sale. Packs for sale: ${this.forSale(this.catalog.creditPacks)}.`, { field: 'creditPack' });
    return { priceId: pack.stripePriceId, mode: 'payment' as const, metadata: { credit_pack: pack.id } };
  }

  private forSale(items: ReadonlyArray<{ id: string; stripePriceId: string | null }>): string {
    return items.filter((i) => i.stripePriceId).map((i) => i.id).join(', ') || 'none';
  }

  private async customerOf(user: { id: string; email: string }): Promise<string> {
    const account = await this.repo.account(user.id, this.clock.now());
    if (account.stripe_customer_id) return account.stripe_customer_id;
    const customerId = await this.gateway.createCustomer(user.id, user.email);
    await this.repo.updateAccount(user.id, { stripe_customer_id: customerId });
    return customerId;
  }
}
