import type Stripe from 'stripe';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { PlanCatalog } from './plans.js';
import type { BillingAccount, BillingRepository } from './repository.js';

/** What a failed payment was for. */
export type FailedPurchase = { credits: number } | { plan: string };

export type EventOutcome = 'applied' | 'duplicate' | 'ignored' | 'awaiting_payment';

/** What the events need to ask Stripe and to tell the person, outside the transaction that applies them. */
export interface StripeEventPorts {
  /** The subscription's current status at Stripe (a completed Checkout Session names it, but not its status). */
  subscriptionStatus(subscriptionId: string): Promise<string>;
  /** A delayed payment (a bank debit) failed: nothing was bought, and the person hears why. */
  paymentFailed(userId: string, purchase: FailedPurchase): Promise<void>;
}

const ms = (seconds: number | null | undefined) => (typeof seconds === 'number' ? seconds * 1000 : null);
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : v?.id ?? null);
/** Stripe's checkout payment states in which what was bought is paid for (a free trial needs no payment). */
const PAID = new Set(['paid', 'no_payment_required']);

/**
 * Applies Stripe's webhook events to billing accounts and the ledger. Each event id is applied once (recorded in
 * stripe_events in the same transaction as its effect); a credit pack is granted once per Checkout Session, and
 * only once it is paid (at once, or when a delayed payment succeeds). A subscription event older than the last one
 * applied changes nothing, nor does one about another subscription than the account's, nor one about a
 * subscription that was deleted (Stripe never revives it), so deliveries out of order end in the newest state.
 */
export class StripeEvents {
  constructor(private readonly db: Db, private readonly repo: BillingRepository, private readonly catalog: PlanCatalog,
    private readonly ports: StripeEventPorts) {}

  async apply(event: Stripe.Event, now: number): Promise<EventOutcome> {
    // Asked before the transaction: no write lock is held across a call to Stripe.
    const subscriptionStatus = await this.subscriptionStatusOf(event);
    let failedFor: { userId: string; purchase: FailedPurchase } | undefined;
    const outcome = await this.db.transaction().execute(async (trx) => {
      const first = await trx.insertInto('stripe_events').values({ id: event.id, type: event.type, applied_at: now })
        .onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(first.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate';
      switch (event.type) {
        case 'checkout.session.completed':
        case 'checkout.session.async_payment_succeeded':
          return this.checkoutPaid(trx, event.data.object, event.created, now, subscriptionStatus);
        case 'checkout.session.async_payment_failed': {
          const account = await this.accountOfCustomer(trx, idOf(event.data.object.customer));
          if (!account) return 'ignored';
          failedFor = { userId: account.user_id, purchase: this.purchaseOf(event.data.object) };
          return 'applied';
        }
        case 'customer.subscription.updated':
        case 'customer.subscription.deleted':
          return this.subscriptionChanged(trx, event.data.object, event.created, event.type.endsWith('deleted'));
        case 'invoice.paid':
          return this.invoicePaid(trx, event.data.object);
        default:
          return 'ignored';
      }
    });
    if (failedFor) await this.ports.paymentFailed(failedFor.userId, failedFor.purchase);
    return outcome;
  }

  private async subscriptionStatusOf(event: Stripe.Event): Promise<string | undefined> {
    if (event.type !== 'checkout.session.completed' && event.type !== 'checkout.session.async_payment_succeeded') return undefined;
    const session = event.data.object;
    const subscription = session.subscription;
    if (session.mode !== 'subscription' || !subscription) return undefined;
    return typeof subscription === 'string' ? this.ports.subscriptionStatus(subscription) : subscription.status;
  }

  private async checkoutPaid(trx: Kysely<Database>, session: Stripe.Checkout.Session, created: number, now: number,
    subscriptionStatus: string | undefined): Promise<EventOutcome> {
    const account = await this.accountOfCustomer(trx, idOf(session.customer));
    if (!account) return 'ignored';
    const pack = this.catalog.creditPacks.find((p) => p.id === session.metadata?.credit_pack);
    if (session.mode === 'payment' && pack) {
      // A delayed payment method completes the session unpaid: the credits come with async_payment_succeeded.
      if (!PAID.has(session.payment_status)) return 'awaiting_payment';
      await this.repo.append({
        userId: account.user_id, kind: 'purchase', amount: pack.credits, reason: `credit pack ${pack.id}`, entryKey: `stripe:${session.id}`, at: now,
      }, trx);
      return 'applied';
    }
    const plan = this.catalog.plans.find((p) => p.id === session.metadata?.plan);
    const subscriptionId = idOf(session.subscription);
    if (session.mode !== 'subscription' || !plan || !subscriptionId || !subscriptionStatus || isOlder(account, created)) return 'ignored';
    if (account.stripe_subscription_id === subscriptionId && account.subscription_status === 'canceled') return 'ignored';
    await this.repo.updateAccount(account.user_id, {
      plan_id: plan.id, stripe_subscription_id: subscriptionId, subscription_status: subscriptionStatus, subscription_event_at: created,
    }, trx);
    return 'applied';
  }

  private async subscriptionChanged(trx: Kysely<Database>, sub: Stripe.Subscription, created: number, deleted: boolean): Promise<EventOutcome> {
    const account = await this.accountOfCustomer(trx, idOf(sub.customer));
    if (!account || isOlder(account, created) || !concerns(account, sub.id)) return 'ignored';
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
    // An invoice of another subscription than the account's (an old one, paid late) says nothing of this one's period.
    const subscription = invoice.parent?.subscription_details?.subscription;
    if (subscription && account.stripe_subscription_id && idOf(subscription) !== account.stripe_subscription_id) return 'ignored';
    // Only ever later: invoices delivered in any order leave the latest period's end.
    if ((account.renews_at ?? 0) >= paidUntil) return 'applied';
    await this.repo.updateAccount(account.user_id, { renews_at: paidUntil }, trx);
    return 'applied';
  }

  private purchaseOf(session: Stripe.Checkout.Session): FailedPurchase {
    const pack = this.catalog.creditPacks.find((p) => p.id === session.metadata?.credit_pack);
    if (pack) return { credits: pack.credits };
    return { plan: this.catalog.plans.find((p) => p.id === session.metadata?.plan)?.name ?? session.metadata?.plan ?? '' };
  }

  private async accountOfCustomer(trx: Kysely<Database>, customerId: string | null): Promise<BillingAccount | undefined> {
    return customerId ? this.repo.findAccountBy('stripe_customer_id', customerId, trx) : undefined;
  }
}

const isOlder = (account: BillingAccount, created: number) => account.subscription_event_at !== null && created < account.subscription_event_at;

/**
 * Whether an event about subscription `id` may change the account: the account's own subscription while it lives
 * (a deleted one stays deleted, whatever arrives in the same second), or a new one once there is none live.
 */
function concerns(account: BillingAccount, id: string): boolean {
  const stored = account.stripe_subscription_id;
  const ended = account.subscription_status === 'canceled';
  if (stored === id) return !ended;
  return stored === null || ended;
}
