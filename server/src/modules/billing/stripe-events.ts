import type Stripe from 'stripe';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { PlanCatalog } from './plans.js';
import type { BillingAccount, BillingRepository } from './repository.js';

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

const ms = (seconds: number | null | undefined) => (typeof seconds === 'number' ? seconds * 1000 : null);
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : v?.id ?? null);

/**
 * Applies Stripe's webhook events to billing accounts and the ledger. Each event id is applied once (recorded in
 * stripe_events in the same transaction as its effect); a subscription event older than the last one applied
 * changes nothing, so deliveries out of order end in the state of the newest.
 */
export class StripeEvents {
  constructor(private readonly db: Db, private readonly repo: BillingRepository, private readonly catalog: PlanCatalog) {}

  apply(event: Stripe.Event, now: number): Promise<EventOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const first = await trx.insertInto('stripe_events').values({ id: event.id, type: event.type, applied_at: now })
        .onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(first.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate';
      switch (event.type) {
        case 'checkout.session.completed':
          return this.checkoutCompleted(trx, event.data.object, event.created, now);
        case 'customer.subscription.updated':
        case 'customer.subscription.deleted':
          return this.subscriptionChanged(trx, event.data.object, event.created, event.type.endsWith('deleted'));
        case 'invoice.paid':
          return this.invoicePaid(trx, event.data.object);
        default:
          return 'ignored';
      }
    });
  }

  private async checkoutCompleted(trx: Kysely<Database>, session: Stripe.Checkout.Session, created: number, now: number): Promise<EventOutcome> {
    const account = await this.accountOfCustomer(trx, idOf(session.customer));
    if (!account) return 'ignored';
    const pack = this.catalog.creditPacks.find((p) => p.id === session.metadata?.credit_pack);
    if (session.mode === 'payment' && pack) {
      await this.repo.append({
        userId: account.user_id, kind: 'purchase', amount: pack.credits, reason: `credit pack ${pack.id}`, entryKey: `stripe:${session.id}`, at: now,
      }, trx);
      return 'applied';
    }
    const plan = this.catalog.plans.find((p) => p.id === session.metadata?.plan);
    if (session.mode !== 'subscription' || !plan || isOlder(account, created)) return 'ignored';
    await this.repo.updateAccount(account.user_id, {
      plan_id: plan.id, stripe_subscription_id: idOf(session.subscription), subscription_status: 'active', subscription_event_at: created,
    }, trx);
    return 'applied';
  }

  private async subscriptionChanged(trx: Kysely<Database>, sub: Stripe.Subscription, created: number, deleted: boolean): Promise<EventOutcome> {
    const account = await this.accountOfCustomer(trx, idOf(sub.customer));
    if (!account || isOlder(account, created)) return 'ignored';
    const item = sub.items?.data?.[0];
    const plan = this.catalog.plans.find((p) => p.stripePriceId !== null && p.stripePriceId === item?.price?.id);
    const periodStart = ms(item?.current_period_start);
    await this.repo.updateAccount(account.user_id, {
      stripe_subscription_id: sub.id,
      subscription_status: deleted ? 'canceled' : sub.status,
      plan_id: plan?.id ?? account.plan_id,
      renews_at: deleted ? null : ms(item?.current_period_end),
      // The credit cycle follows the subscription's billing period.
      ...(periodStart !== null && !deleted ? { cycle_anchor: periodStart } : {}),
      subscription_event_at: created,
    }, trx);
    return 'applied';
  }

  private async invoicePaid(trx: Kysely<Database>, invoice: Stripe.Invoice): Promise<EventOutcome> {
    const account = await this.accountOfCustomer(trx, idOf(invoice.customer));
    const paidUntil = ms(invoice.lines?.data?.[0]?.period?.end);
    if (!account || paidUntil === null || account.subscription_status === 'canceled') return 'ignored';
    // Only ever later: invoices delivered in any order leave the latest period's end.
    if ((account.renews_at ?? 0) >= paidUntil) return 'applied';
    await this.repo.updateAccount(account.user_id, { renews_at: paidUntil }, trx);
    return 'applied';
  }

  private async accountOfCustomer(trx: Kysely<Database>, customerId: string | null): Promise<BillingAccount | undefined> {
    return customerId ? this.repo.findAccountBy('stripe_customer_id', customerId, trx) : undefined;
  }
}

const isOlder = (account: BillingAccount, created: number) => account.subscription_event_at !== null && created < account.subscription_event_at;
